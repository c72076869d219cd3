export {
  type Arn,
  executionArnOf,
  formatArn,
  type NamedResource,
  parseArn,
  parseFunctionArn,
  parseStateMachineArn,
  taskDefinitionFamily,
} from "./arn";
export { chain } from "./chain";
export { readAslDefinition } from "./document";
export { retrierDelaySeconds, stateWorstCaseSeconds, worstCaseSeconds } from "./duration";
export {
  DYNAMODB_TRANSIENT_ERRORS,
  ECS_TRANSIENT_ERRORS,
  EVENTBRIDGE_TRANSIENT_ERRORS,
  LAMBDA_TRANSIENT_ERRORS,
  STATES_ALL,
  STATES_HEARTBEAT_TIMEOUT,
  STATES_TASK_FAILED,
  STATES_TIMEOUT,
  WILDCARD_ERRORS,
} from "./error-names";
export { type Edge, type EdgeKind, edgesOf, happyPath, isTerminal, reachableFrom } from "./graph";
export type { IntegrationOptions } from "./integrations/common";
export {
  type AttributeValues,
  dynamoGetItem,
  dynamoUpdateItem,
  type GetItemOptions,
  stringAt,
  stringValue,
  type UpdateItemOptions,
} from "./integrations/dynamodb";
export { type EcsRunTaskOptions, ecsRunTaskWithToken, TASK_TOKEN_PATH } from "./integrations/ecs";
export { type EventEntry, type PutEventsOptions, putEvents } from "./integrations/eventbridge";
export {
  type LambdaInvokeOptions,
  type LambdaResult,
  lambdaInvoke,
  payloadFields,
} from "./integrations/lambda";
export { jsonObjectString } from "./intrinsics";
export { findJsonata, type JsonataUse } from "./jsonata";
export { AslBuildError, nameOf, type StateNode, type Target } from "./node";
export {
  type Integration,
  type IntegrationPattern,
  integrationOf,
  parseResource,
  RESOURCES,
  type TaskResource,
  waitsForTaskToken,
} from "./resources";
export {
  catchAll,
  catchErrors,
  checkErrorHandlers,
  DEFAULT_ERROR_PATH,
  DEFAULT_RETRY,
  type RetryOptions,
  retry,
} from "./retry";
export { type BranchOptions, branch, type StateMachineOptions, stateMachine } from "./state-machine";
export {
  type ChoiceOptions,
  choice,
  type ErrorOptions,
  type FailOptions,
  type FlowOptions,
  fail,
  type PassOptions,
  pass,
  type ResultOptions,
  succeed,
  type TaskOptions,
  task,
} from "./states";
export type * from "./types";
export { type StructureProblem, structureProblems } from "./validate";
export { nestedMachines, qualifiedName, type StateEntry, walkStates } from "./walk";
