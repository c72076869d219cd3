export { type MermaidOptions, toMermaid } from "./mermaid";
export { orderWorkflow } from "./order/order-workflow";
export { sampleRefs } from "./order/sample-refs";
export { NeedsAttention, RecordingFailed, STATE_NAMES, type StateName } from "./order/state-names";
export { WORKFLOW_TASKS } from "./order/tasks";
export { taskTimeoutSeconds } from "./order/timeouts";
export type { ContainerRefs, WorkflowRefs } from "./refs";
export { checkWorkflowRules, type RuleOptions } from "./rules/check";
export type { RuleViolation } from "./rules/types";
