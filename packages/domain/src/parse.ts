import * as v from "valibot";
import { ValidationError } from "./errors";
import { describeIssues } from "./issues";

type AnySchema = v.GenericSchema;

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
