/**
 * Problems with an input, each with the field it concerns: how a failed schema check is told to a person
 * (a ValidationError's message, a malformed row's error, a CLI's complaint). Messages name the field and
 * the rule, never the value: what a client sent may be a card number or an e-mail address, and these
 * messages reach logs, the order's cause, events and HTTP replies.
 */
import type * as v from "valibot";

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `items[0].sku`; `(root)` for the whole input. */
  readonly path: string;
  readonly message: string;
}

/** At most this many issues are listed; the rest are counted. */
export const MAX_LISTED_ISSUES = 20;

// Keys the schemas define, and record keys such as SKUs, look like this; a key that does not (a card number,
// a control character) is the client's own text and is not repeated.
const FIELD_NAME = /^[a-z][\w-]{0,63}$/i;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  Object: "an object",
  Array: "a list",
};

/** valibot config for parsing what a client or another component sent: no message repeats the input. */
export const PARSE_CONFIG: v.Config<v.BaseIssue<unknown>> = {
  // For issues whose schema or action has no message of its own. valibot's default ends in "but received
  // <the input>", which is kept only for lengths (a count, not the input).
  message: (issue) =>
    issue.kind === "schema"
      ? `must be ${TYPE_NAMES[issue.expected ?? ""] ?? issue.expected}`
      : issue.type.endsWith("length")
        ? issue.message
        : `fails ${issue.type}`,
};

function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const { key } of issue.path ?? []) {
    path +=
      typeof key === "number"
        ? `[${key}]`
        : `${path && "."}${FIELD_NAME.test(key as string) ? key : "(field)"}`;
  }
  return path || "(root)";
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === "schema" && issue.input === undefined && issue.path?.length) return "is required";
  // A strict object reports an unexpected key as an issue expecting `never` at that key's path.
  if (issue.type === "strict_object" && issue.expected === "never") return "is not a known field";
  return issue.message;
}

/** Every problem in `input`, each with the field path it concerns; empty when valid. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ path: pathOf(issue), message: messageOf(issue) }));
}

/** The issues as one line, `path: message; path: message`, at most {@link MAX_LISTED_ISSUES} and a count. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - listed.length;
  return [...listed, ...(more > 0 ? [`and ${more} more`] : [])].join("; ");
}
