import * as v from "valibot";
import { ValidationError } from "./errors";
import { describeIssues, PARSE_CONFIG } from "./issues";

type AnySchema = v.GenericSchema;

/** Parses `input` or throws a ValidationError listing every problem with its field path, never a value. */
export function parseOrThrow<S extends AnySchema>(
  schema: S,
  input: unknown,
  subject?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, PARSE_CONFIG);
  if (result.success) return result.output;
  throw new ValidationError(describeIssues(result.issues), subject);
}
