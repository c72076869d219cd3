import type { TableName } from "@orderflow/domain";

/**
 * Everything the definition refers to outside itself. Infra fills it with deployed ARNs and names inside
 * one `pulumi.all(...).apply`; the local runtime fills it with local names. The definition is a pure
 * function of these references.
 */
export interface WorkflowRefs {
  /** Invocation target per Lambda task, keyed by the task's state name (e.g. `ReserveInventory`). */
  readonly functionArns: Readonly<Record<string, string>>;
  /** Physical table name per logical table. */
  readonly tableNames: Readonly<Record<TableName, string>>;
  /**
   * Where each container task runs, keyed by the task's state name (e.g. `CreateShipment`), like
   * `functionArns`: one entry per task whose manifest is `kind: "container"`.
   * @default {}
   */
  readonly containers?: Readonly<Record<string, ContainerRefs>>;
}

/** One container task's cluster, task definition and network. */
export interface ContainerRefs {
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** Name of the container in the task definition whose environment the state overrides. */
  readonly containerName: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp: boolean;
}
