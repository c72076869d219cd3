import type { Integration, TaskState } from "./integrations";

/**
 * A failed Task as Step Functions reports it: `name` is the error the definition's Retry/Catch match,
 * `message` the Cause. aws-local-stepfunctions reads exactly these two fields.
 */
export class TaskFailure extends Error {
  /** Read by the engine: `States.Runtime` (a broken definition or request) is neither retried nor caught. */
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;

  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
    this.isRetryable = this.isCatchable = error !== "States.Runtime";
  }
}

/**
 * How a Lambda function error reaches the workflow through `lambda:invoke`: the error is the thrown
 * error's name and the Cause is the runtime's JSON error document, so a definition that parses
 * `$.error.Cause` locally sees what it sees in AWS.
 */
export function lambdaFunctionError(thrown: unknown): TaskFailure {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const trace = (error.stack ?? "").split("\n").map((line) => line.trim());
  const cause = JSON.stringify({ errorType: error.name, errorMessage: error.message, trace });
  return new TaskFailure(error.name, cause);
}

// Errors each integration raises when the service is briefly unavailable, most typical first.
const TRANSIENT_ERRORS: Readonly<Record<Integration, readonly string[]>> = {
  lambda: [
    "Lambda.TooManyRequestsException",
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
  ],
  dynamodb: [
    "DynamoDB.ProvisionedThroughputExceededException",
    "DynamoDB.ThrottlingException",
    "DynamoDB.RequestLimitExceeded",
    "DynamoDB.InternalServerError",
    "DynamoDB.AmazonDynamoDBException",
  ],
  events: [
    "EventBridge.InternalException",
    "EventBridge.ThrottlingException",
    "EventBridge.AmazonEventBridgeException",
  ],
  ecs: ["ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"],
};

// Errors no definition should retry: the request itself is wrong or the code crashed.
const UNEXPECTED_ERRORS: Readonly<Record<Integration, string>> = {
  lambda: "Error",
  dynamodb: "DynamoDB.ValidationException",
  events: "EventBridge.ValidationException",
  ecs: "ECS.InvalidParameterException",
};

const SERVICE_PREFIX: Readonly<Record<Integration, string>> = {
  lambda: "Lambda.",
  dynamodb: "DynamoDB.",
  events: "EventBridge.",
  ecs: "ECS.",
};

/**
 * The transient error to inject into a state: the first typical one the state's own Retry matches, so a
 * `transient` fault exercises the retry the definition declares rather than one we assume it has.
 * Without a matching retrier it is the most typical error, which the state's Catch then sees.
 */
export function transientErrorFor(state: TaskState): string {
  const candidates = TRANSIENT_ERRORS[state.integration];
  const retried = new Set(state.retriedErrors);
  return (
    candidates.find((e) => retried.has(e)) ??
    state.retriedErrors.find((e) => e.startsWith(SERVICE_PREFIX[state.integration])) ??
    (candidates[0] as string)
  );
}

/**
 * The failure a state sees when its work ran (or still runs) but no answer reached it: the timeout of a
 * lost or late answer, or the error a crashed runtime reports. A container that stops reporting is only
 * noticed when its heartbeat is overdue.
 */
export function faultAfterWork(state: TaskState, fault: "lost" | "crash" | "late"): TaskFailure {
  const where = `in ${state.name} (injected fault: ${fault})`;
  if (state.integration === "ecs") {
    return new TaskFailure("States.HeartbeatTimeout", `the container stopped reporting ${where}`);
  }
  if (fault !== "crash") {
    return new TaskFailure("States.Timeout", `the task did not answer within its TimeoutSeconds ${where}`);
  }
  const error = CRASH_ERRORS[state.integration];
  const message = `the work was done, then the runtime crashed ${where}`;
  return state.integration === "lambda"
    ? new TaskFailure(error, JSON.stringify({ errorType: "Runtime.ExitError", errorMessage: message }))
    : new TaskFailure(error, message);
}

// What a state sees when the service did the work and then failed unexpectedly: an unhandled Lambda error
// (a crashed runtime, out of memory) is `Lambda.Unknown`; the services answer with a server fault.
const CRASH_ERRORS: Readonly<Record<Exclude<Integration, "ecs">, string>> = {
  lambda: "Lambda.Unknown",
  dynamodb: "DynamoDB.InternalServerError",
  events: "EventBridge.InternalException",
};

/** The failure an injected fault raises in a state, before the state's work starts. */
export function injectedFailure(state: TaskState, fault: "transient" | "error" | "timeout"): TaskFailure {
  const where = `in ${state.name} (injected fault)`;
  switch (fault) {
    case "transient":
      return new TaskFailure(transientErrorFor(state), `the service was briefly unavailable ${where}`);
    case "timeout":
      return new TaskFailure("States.Timeout", `the task did not finish within its TimeoutSeconds ${where}`);
    case "error": {
      const error = UNEXPECTED_ERRORS[state.integration];
      const message = `unexpected error ${where}`;
      return state.integration === "lambda"
        ? new TaskFailure(error, JSON.stringify({ errorType: error, errorMessage: message, trace: [] }))
        : new TaskFailure(error, message);
    }
  }
}
