import { AslBuildError, type StateNode } from "../node";
import { RESOURCES } from "../resources";
import { task } from "../states";
import type { JsonObject, TaskState } from "../types";
import type { IntegrationOptions } from "./common";

/**
 * What happens to the function's return value. The optimized integration wraps it as
 * `{ Payload, StatusCode, … }`; each option unwraps `Payload`:
 * - `replace`: the payload becomes the state;
 * - `store`: the named payload fields are stored at `at`, beside the rest of the state;
 * - `discard`: the state passes on unchanged.
 */
export type LambdaResult =
  | { readonly kind: "replace" }
  | { readonly kind: "store"; readonly at: string; readonly fields: readonly string[] }
  | { readonly kind: "discard" };

export interface LambdaInvokeOptions extends IntegrationOptions {
  readonly functionArn: string;
  /** The event: a JSONPath (`"$"`: the whole state) or a payload template. */
  readonly payload: string | JsonObject;
  readonly result: LambdaResult;
}

/** Payload template that copies `fields` out of the unwrapped Lambda payload. */
export function payloadFields(fields: readonly string[], from = "$.Payload"): JsonObject {
  return Object.fromEntries(fields.map((field) => [`${field}.$`, `${from}.${field}`]));
}

function resultFields(name: string, result: LambdaResult) {
  switch (result.kind) {
    case "replace":
      return { outputPath: "$.Payload" };
    case "discard":
      return { resultPath: null };
    case "store":
      if (result.fields.length === 0) throw new AslBuildError(name, "a stored Lambda result needs fields");
      return { resultSelector: payloadFields(result.fields), resultPath: result.at };
  }
}

/** A Lambda call through the optimized `lambda:invoke` integration, with the payload unwrapped. */
export function lambdaInvoke(name: string, options: LambdaInvokeOptions): StateNode<TaskState> {
  const { functionArn, payload, result, ...rest } = options;
  if (!functionArn) throw new AslBuildError(name, "has no function ARN");
  const event: JsonObject = typeof payload === "string" ? { "Payload.$": payload } : { Payload: payload };
  return task(name, {
    ...rest,
    resource: RESOURCES.lambdaInvoke,
    parameters: { FunctionName: functionArn, ...event },
    ...resultFields(name, result),
  });
}
