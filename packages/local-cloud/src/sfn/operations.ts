import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import type { LocalRuntime } from "@orderflow/local";
import { executionOperations } from "./execution-operations";
import { machineOperations } from "./machine-operations";
import { type Operation, optionalString, required } from "./members";
import type { LocalStepFunctions } from "./step-functions";

/** SendTask*: the runtime's task tokens take the SDK's commands, as a worker's client would send them. */
function taskTokenOperations(runtime: LocalRuntime): Record<string, Operation> {
  const send = async (
    command: SendTaskSuccessCommand | SendTaskFailureCommand | SendTaskHeartbeatCommand,
  ) => {
    await runtime.taskTokens.send(command);
    return {};
  };
  return {
    SendTaskSuccess: (request) =>
      send(
        new SendTaskSuccessCommand({
          taskToken: required(request, "taskToken"),
          output: required(request, "output"),
        }),
      ),
    SendTaskFailure: (request) =>
      send(
        new SendTaskFailureCommand({
          taskToken: required(request, "taskToken"),
          error: optionalString(request, "error"),
          cause: optionalString(request, "cause"),
        }),
      ),
    SendTaskHeartbeat: (request) =>
      send(new SendTaskHeartbeatCommand({ taskToken: required(request, "taskToken") })),
  };
}

/** Every operation of the endpoint, by its `X-Amz-Target` name (`AWSStepFunctions.<name>`). */
export function sfnOperations(
  sfn: LocalStepFunctions,
  runtime: LocalRuntime,
): Readonly<Record<string, Operation>> {
  return { ...machineOperations(sfn, runtime), ...executionOperations(sfn), ...taskTokenOperations(runtime) };
}
