import * as v from "valibot";

/**
 * Text that is empty or shows at least one character, and holds no control character (C0, DEL, C1), no
 * bidirectional embedding, override or isolate (which can make text display as something it is not) and
 * no unpaired surrogate. What renders as nothing: white space, default-ignorable code points (zero-width
 * spaces and joiners, fillers, variation selectors), combining marks without a base, the blank braille
 * pattern. One regular expression, because every Lambda bundle carries it.
 */
export const CLEAN_TEXT = /^(?![\s\p{DI}\p{M}\u2800]+$)[^\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]*$/u;

/** The start of every string field of an input; each field pipes its own rules (pattern, length) after it. */
export const cleanText = v.pipe(
  v.string(),
  v.regex(CLEAN_TEXT, "must be visible text without control characters"),
);
