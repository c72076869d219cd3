import { TABLE_NAMES, type TaskManifest } from "@orderflow/domain";
import { LOCAL_AWS_ENV, type TableNames } from "@orderflow/dynamodb-local";
import type { ContainerRefs, WorkflowRefs } from "@orderflow/workflow";

/** The account id AWS reserves for examples; nothing local ever reaches a real account. */
const LOCAL_ACCOUNT = "000000000000";
const REGION = LOCAL_AWS_ENV.AWS_REGION;

/** The name of the local state machine, its event bus and the prefix of its tables. */
export const LOCAL_NAME = "orderflow-local";
export const LOCAL_EVENT_BUS = LOCAL_NAME;
export const LOCAL_TABLE_PREFIX = `${LOCAL_NAME}-`;

/** The ARN of a local state machine: the order workflow's, or one created through the local cloud. */
export function localStateMachineArn(name: string): string {
  return `arn:aws:states:${REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
}

export const LOCAL_STATE_MACHINE_ARN = localStateMachineArn(LOCAL_NAME);

export function localExecutionArn(executionName: string): string {
  return `arn:aws:states:${REGION}:${LOCAL_ACCOUNT}:execution:${LOCAL_NAME}:${executionName}`;
}

/** A syntactically real function ARN per Lambda state; locally the state runs the handler in-process. */
export function localFunctionArn(stateName: string): string {
  return `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT}:function:${LOCAL_NAME}-${stateName}`;
}

/** Syntactically real ECS references for a container task; locally the state runs its entry in-process. */
function localContainerRefs(manifest: TaskManifest): ContainerRefs {
  const family = `${LOCAL_NAME}-${manifest.name}`;
  return {
    clusterArn: `arn:aws:ecs:${REGION}:${LOCAL_ACCOUNT}:cluster/${family}`,
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${LOCAL_ACCOUNT}:task-definition/${family}:1`,
    containerName: manifest.name,
    subnetIds: ["subnet-00000000000000000"],
    securityGroupIds: ["sg-00000000000000000"],
    assignPublicIp: false,
  };
}

/**
 * The references the definition is built from when it runs locally, keyed by state name as infra keys
 * them: a function ARN per Lambda task and container references per container task.
 */
export function localRefs(manifests: readonly TaskManifest[], tableNames: TableNames): WorkflowRefs {
  const ofKind = (kind: TaskManifest["kind"]) => manifests.filter((m) => m.kind === kind);
  return {
    functionArns: Object.fromEntries(
      ofKind("lambda").map((m) => [m.stateName, localFunctionArn(m.stateName)]),
    ),
    tableNames,
    containers: Object.fromEntries(ofKind("container").map((m) => [m.stateName, localContainerRefs(m)])),
  };
}

/** Physical table names for a prefix, as `createTables` names them (known before the tables exist). */
export function localTableNames(prefix: string): TableNames {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, `${prefix}${t}`])) as Record<
    (typeof TABLE_NAMES)[number],
    string
  >;
}
