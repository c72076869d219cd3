export { FAILURE_RATE_ALARM, STUCK_STATES, UNEXPECTED_ERROR_PATTERN } from "./alarm-signals";
export { type ContainerImageSource, containerImage } from "./code";
export { Alarms, type AlarmsArgs, type LoggedFunction } from "./components/alarms";
export {
  type ContainerNetwork,
  ContainerTask,
  type ContainerTaskArgs,
} from "./components/container-task";
export { type DeployedTask, deployTask, type TaskSettings } from "./components/deploy-task";
export type { TableRef } from "./components/function-statements";
export {
  LIVE_ALIAS,
  OrderWorkflow,
  type OrderWorkflowArgs,
  type WorkflowContainer,
  type WorkflowFunction,
} from "./components/order-workflow";
export { type ApiAuth, ORDER_ROUTES, OrdersApi, type OrdersApiArgs } from "./components/orders-api";
export { Tables, type TablesArgs } from "./components/tables";
export { TaskFunction, type TaskFunctionArgs } from "./components/task-function";
export { ConfigError, loadStackConfig, type StackConfig, validateStackConfig } from "./config/load";
export { WILDCARD_EXCEPTIONS, wildcardFindings } from "./iam/wildcards";
export { type PackConfig, readPackConfig, runPolicies, type Violation } from "./policy/offline";
export { POLICY_PACK_NAME, policies } from "./policy/policies";
export { DEPLOYED_FUNCTIONS, orderflowProgram, type ProgramOptions, type StackOutputs } from "./program";
export { readStackFile, STACKS, type StackName } from "./synth/stack-file";
export { renderSynth, type SynthDocument, synthesize } from "./synth/synthesize";
