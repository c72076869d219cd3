import * as v from "valibot";
import { type FieldIssue, ValidationError } from "./errors";

type AnySchema = v.GenericSchema;

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

/** Parses `input` or throws a ValidationError listing every problem with its field path. */
export function parseOrThrow<S extends AnySchema>(
  schema: S,
  input: unknown,
  subject?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new ValidationError(describeIssues(result.issues), subject);
}
