/** Matches every error; allowed only alone and last in a Retry or Catch list. */
export const STATES_ALL = "States.ALL";
/** Matches every error except `States.Timeout`, including errors a task reports on purpose. */
export const STATES_TASK_FAILED = "States.TaskFailed";
export const STATES_TIMEOUT = "States.Timeout";
export const STATES_HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";

/** Errors that match more than their own name, so a retrier listing one also retries business errors. */
export const WILDCARD_ERRORS: readonly string[] = [STATES_ALL, STATES_TASK_FAILED];

/** Lambda service faults (the invocation, not the function, failed): always safe to retry. */
export const LAMBDA_TRANSIENT_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
  "Lambda.ClientExecutionTimeoutException",
] as const;

/**
 * DynamoDB throttling and server faults as the optimized integration names them. Not
 * `ConditionalCheckFailedException` (an answer, not a fault) nor `ValidationException`.
 */
export const DYNAMODB_TRANSIENT_ERRORS = [
  "DynamoDB.ProvisionedThroughputExceededException",
  "DynamoDB.ThrottlingException",
  "DynamoDB.RequestLimitExceeded",
  "DynamoDB.InternalServerError",
] as const;

/**
 * EventBridge faults. `FailedEntry` is what the integration raises when PutEvents accepted the call but
 * not the entry, which is mostly throttling.
 */
export const EVENTBRIDGE_TRANSIENT_ERRORS = [
  "EventBridge.AmazonEventBridgeException",
  "EventBridge.FailedEntry",
] as const;

/**
 * ECS faults before the container runs (no capacity, throttling, service errors): the task never
 * started, so running it again is safe. Deliberately not `States.TaskFailed`: with a task token that
 * also matches the errors the container reports, including business errors such as `ShipmentFailed`.
 */
export const ECS_TRANSIENT_ERRORS = [
  "ECS.AmazonECSException",
  "ECS.ServerException",
  "ECS.ThrottlingException",
] as const;
