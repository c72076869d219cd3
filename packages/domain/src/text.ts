import * as v from "valibot";

// Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates, which can make
// stored text display as something other than what it is.
const UNSAFE_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
// What renders as nothing: spaces, default-ignorable code points (zero-width spaces and joiners, fillers,
// variation selectors), combining marks without a base, and the blank braille pattern.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\u2800]+$/u;

/** Text that is well-formed UTF-16 (no lone surrogates) without control or bidirectional control characters. */
export function isCleanText(text: string): boolean {
  return text.isWellFormed() && !UNSAFE_CHARACTERS.test(text);
}

/** Empty, or text with at least one character that shows. */
export function isVisibleOrEmpty(text: string): boolean {
  return !INVISIBLE_ONLY.test(text);
}

/**
 * The start of every string field of an input: a string that is clean and, unless empty, visible. Each
 * field pipes its own rules (pattern, length) after it.
 */
export const cleanText = v.pipe(
  v.string(),
  v.check(isCleanText, "must not contain control characters, bidirectional controls or unpaired surrogates"),
  v.check(isVisibleOrEmpty, "must contain a visible character"),
);
