/**
 * Problems with an input, each with the field it concerns: how a failed schema check is told to a person
 * (a ValidationError's message, a malformed row's error, a CLI's complaint).
 */
import type * as v from "valibot";

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `items[0].sku`; `(root)` for the whole input. */
  readonly path: string;
  readonly message: string;
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const segment of issue.path ?? []) {
    const key = segment.key;
    path += typeof key === "number" ? `[${key}]` : path === "" ? String(key) : `.${String(key)}`;
  }
  return path === "" ? "(root)" : path;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot's default messages ("Invalid type: Expected string but received undefined") are fine for
  // types; a missing key reads better as "is required".
  if (issue.kind === "schema" && issue.input === undefined && issue.path?.length) return "is required";
  // A strict object reports an unexpected key as an issue expecting `never` at that key's path.
  if (issue.type === "strict_object" && issue.expected === "never") return "is not a known field";
  return issue.message;
}

/** Every problem in `input`, each with the field path it concerns; empty when valid. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({ path: pathOf(issue), message: messageOf(issue) }));
}

/** The issues as one line, `path: message; path: message`, for error messages. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
}
