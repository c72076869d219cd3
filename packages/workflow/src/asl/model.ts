/**
 * The ASL model every package reads definitions with (`@orderflow/workflow/asl`): the JSONPath types, the
 * one walk over nested states, the one parser of resource ARNs, and a reader for definitions that come
 * from outside the builder. The builder itself stays internal to this package.
 */
export {
  type Arn,
  executionArnOf,
  formatArn,
  type NamedResource,
  parseArn,
  parseExecutionArn,
  parseFunctionArn,
  parseStateMachineArn,
  taskDefinitionFamily,
} from "./arn";
export { readAslDefinition } from "./document";
export { type Edge, type EdgeKind, edgesOf } from "./graph";
export {
  type Integration,
  type IntegrationPattern,
  integrationOf,
  parseResource,
  type TaskResource,
} from "./resources";
export type * from "./types";
export { type StructureProblem, structureProblems } from "./validate";
export { nestedMachines, qualifiedName, type StateEntry, walkStates } from "./walk";
