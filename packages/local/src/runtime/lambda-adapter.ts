import { randomUUID } from "node:crypto";
import type { StateAdapter } from "./adapter";
import { overTheWire } from "./adapter";
import type { TaskState } from "./integrations";
import { lambdaFunctionError, TaskFailure } from "./task-failure";

/** A task package's `handler` export (see `@orderflow/task-kit`'s `taskHandler`). */
export type LambdaHandler = (event: unknown, context: { awsRequestId: string }) => Promise<unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Runs a Lambda state's handler in-process. For `lambda:invoke` the state's Parameters are the Invoke
 * request (`FunctionName`, `Payload`), and the result is the Invoke response with the function's return
 * value under `Payload`: the definition's `ResultSelector`/`$.Payload` unwrapping runs unchanged. A bare
 * function ARN passes the state input as the event and returns the value itself, as in AWS.
 */
export function lambdaAdapter(state: TaskState, handler: LambdaHandler): StateAdapter {
  return async (parameters) => {
    if (state.optimized && !(isRecord(parameters) && typeof parameters.FunctionName === "string")) {
      throw new TaskFailure(
        "States.Runtime",
        `state ${state.name}: lambda:invoke needs Parameters with FunctionName (and usually Payload)`,
      );
    }
    const event = state.optimized ? (parameters as Record<string, unknown>).Payload : parameters;
    const awsRequestId = randomUUID();
    let returned: unknown;
    try {
      returned = await handler(overTheWire(event ?? {}), { awsRequestId });
    } catch (error) {
      throw lambdaFunctionError(error);
    }
    const payload = overTheWire(returned);
    if (!state.optimized) return payload;
    return {
      ExecutedVersion: "$LATEST",
      Payload: payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: awsRequestId },
      StatusCode: 200,
    };
  };
}
