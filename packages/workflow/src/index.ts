export * from "./asl";
export { type MermaidOptions, toMermaid } from "./mermaid";
export { ERROR_PATHS, orderWorkflow, WORKFLOW_COMMENT } from "./order/order-workflow";
export { DYNAMODB_RETRY, EVENTBRIDGE_RETRY, SERVICE_RETRY, taskRetry } from "./order/retries";
export { sampleRefs } from "./order/sample-refs";
export {
  CompensationFailed,
  Done,
  Failed,
  MarkCompensationFailed,
  MarkCompleted,
  MarkFailed,
  MarkRejected,
  PublishCompleted,
  PublishFailed,
  PublishRejected,
  RecordingFailed,
  Rejected,
  STATE_NAMES,
  type StateName,
} from "./order/state-names";
export { EXECUTION_ID_PATH, requiredFields, TASK_IO, type TaskIo } from "./order/task-io";
export { CONTAINER_ENV, taskState } from "./order/task-states";
export {
  COMPENSATION_STEPS,
  FORWARD_STEPS,
  manifestsByState,
  type TaskStateName,
  WORKFLOW_TASKS,
} from "./order/tasks";
export {
  CONTAINER_START_SECONDS,
  executionTimeoutSeconds,
  LAMBDA_TIMEOUT_MARGIN_SECONDS,
  SERVICE_TASK_TIMEOUT_SECONDS,
  taskTimeoutSeconds,
} from "./order/timeouts";
export type { ContainerRefs, WorkflowRefs } from "./refs";
export { type RuleId, WORKFLOW_RULES } from "./rules/catalog";
export { checkWorkflowRules, type RuleOptions } from "./rules/check";
export type { RuleViolation } from "./rules/types";
