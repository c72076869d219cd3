import type { TableName, TaskManifest } from "@orderflow/domain";
import { type ContainerRefs, orderWorkflow, WORKFLOW_TASKS, type WorkflowRefs } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { allVersionsOf, policyJson, type StatementInput } from "../iam/policy-document";
import { LOG_DELIVERY_ACTIONS, XRAY_WRITE_ACTIONS } from "../iam/wildcards";
import { type ContainerLaunch, workflowContainerStatements } from "./container-statements";
import type { TableRef } from "./function-statements";
import { serviceRole } from "./service-role";

/** The alias callers start executions through; each deploy points it at the version it published. */
export const LIVE_ALIAS = "live";

/** A Lambda task as the workflow sees it. */
export interface WorkflowFunction {
  /** Unqualified ARN: the role may invoke every version of exactly this function. */
  readonly arn: pulumi.Input<string>;
  /** The version this deploy published; the definition invokes exactly this. */
  readonly versionArn: pulumi.Input<string>;
}

/** A container task as the workflow sees it: where to run it, and what its role must be allowed. */
export interface WorkflowContainer extends ContainerLaunch {
  /** The revision this deploy registered; the definition runs exactly this. */
  readonly taskDefinitionArn: pulumi.Input<string>;
  readonly containerName: string;
  readonly subnetIds: pulumi.Input<string[]>;
  readonly securityGroupIds: pulumi.Input<string[]>;
  readonly assignPublicIp: boolean;
}

export interface EventBusRef {
  readonly name: pulumi.Input<string>;
  readonly arn: pulumi.Input<string>;
}

export interface OrderWorkflowArgs {
  readonly stateMachineName: pulumi.Input<string>;
  /**
   * The task manifests the definition is built from; each one's `kind` decides Lambda or ECS.
   * @default WORKFLOW_TASKS
   */
  readonly tasks?: readonly TaskManifest[];
  /** The workflow's Lambda tasks keyed by state name (`ReserveInventory`). Keys must be known up front. */
  readonly functions: Readonly<Record<string, WorkflowFunction>>;
  /** The container task, when a manifest is kind `container` (the workflow's refs carry one). */
  readonly container?: WorkflowContainer;
  /** Every deployed table (the definition receives all names). */
  readonly tables: Readonly<Record<TableName, TableRef>>;
  /** The table whose status the workflow writes directly (DynamoDB integration). */
  readonly statusTable: TableRef;
  readonly eventBus: EventBusRef;
  /** Execution input/output in the logs; false in prod because orders carry e-mail and addresses. */
  readonly includeExecutionData: pulumi.Input<boolean>;
  readonly logRetentionDays: pulumi.Input<number>;
  /** Only this account's Step Functions may assume the role. */
  readonly accountId: pulumi.Input<string>;
}

/**
 * The order workflow as a STANDARD state machine: the definition rendered from the deployed references in
 * one apply, a published version per deploy behind the `live` alias, full logging to its own log group,
 * tracing, and a role that can reach exactly the workflow's functions, status table and bus.
 */
export class OrderWorkflow extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  readonly versionArn: pulumi.Output<string>;
  readonly aliasArn: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly definition: pulumi.Output<string>;
  /** Where execution events land; the alarms' metric filters read it. */
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: OrderWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:workflow:OrderWorkflow", name, {}, opts);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        // The vended-logs prefix keeps CloudWatch's log resource policy small however many machines log.
        name: pulumi.interpolate`/aws/vendedlogs/states/${args.stateMachineName}`,
        retentionInDays: args.logRetentionDays,
      },
      { parent: this },
    );

    const role = serviceRole(
      `${name}-role`,
      {
        service: "states.amazonaws.com",
        description: "Runs the order workflow",
        sourceAccount: args.accountId,
      },
      { parent: this },
    );

    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      { role: role.id, policy: policyJson(workflowStatements(args)) },
      { parent: this },
    );

    const definition = renderDefinition(args);

    const stateMachine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: args.stateMachineName,
        type: "STANDARD",
        roleArn: role.arn,
        definition,
        publish: true,
        loggingConfiguration: {
          level: "ALL",
          includeExecutionData: args.includeExecutionData,
          logDestination: pulumi.interpolate`${logGroup.arn}:*`,
        },
        tracingConfiguration: { enabled: true },
      },
      // Step Functions validates the role's permissions when the machine is created or updated.
      { parent: this, dependsOn: [policy] },
    );

    const alias = new aws.sfn.Alias(
      `${name}-alias`,
      {
        name: LIVE_ALIAS,
        description: "The version the latest deploy published",
        routingConfigurations: [{ stateMachineVersionArn: stateMachine.stateMachineVersionArn, weight: 100 }],
      },
      { parent: this },
    );

    this.arn = stateMachine.arn;
    this.versionArn = stateMachine.stateMachineVersionArn;
    this.aliasArn = alias.arn;
    this.name = stateMachine.name;
    this.roleArn = role.arn;
    this.definition = definition;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ arn: this.arn, aliasArn: this.aliasArn, versionArn: this.versionArn });
  }
}

/** The ASL, rendered once every referenced ARN and name is known: one apply over all references. */
function renderDefinition(args: OrderWorkflowArgs): pulumi.Output<string> {
  const versionArns = Object.fromEntries(
    Object.entries(args.functions).map(([state, fn]) => [state, fn.versionArn]),
  );
  const tableNames = Object.fromEntries(Object.entries(args.tables).map(([table, ref]) => [table, ref.name]));
  const tasks = args.tasks ?? WORKFLOW_TASKS;
  return pulumi
    .all([
      pulumi.output(versionArns),
      pulumi.output(tableNames),
      pulumi.output(args.eventBus.name),
      pulumi.output(containerRefs(args.container)),
    ])
    .apply(([functionArns, names, eventBusName, container]) => {
      const refs: WorkflowRefs = {
        functionArns,
        tableNames: names as WorkflowRefs["tableNames"],
        eventBusName,
        ...(container && { container }),
      };
      return JSON.stringify(orderWorkflow(refs, tasks));
    });
}

/** The container's part of the references (`refs.container`), still as inputs. */
function containerRefs(container: WorkflowContainer | undefined) {
  if (container === undefined) return undefined;
  const refs: { [K in keyof ContainerRefs]: pulumi.Input<ContainerRefs[K]> } = {
    clusterArn: container.clusterArn,
    taskDefinitionArn: container.taskDefinitionArn,
    containerName: container.containerName,
    subnetIds: container.subnetIds,
    securityGroupIds: container.securityGroupIds,
    assignPublicIp: container.assignPublicIp,
  };
  return refs;
}

/** Exactly what the definition touches, plus the log-delivery and tracing grants AWS requires. */
function workflowStatements(args: OrderWorkflowArgs): StatementInput[] {
  return [
    {
      Sid: "InvokeWorkflowFunctions",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: Object.entries(args.functions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, fn]) => allVersionsOf(fn.arn)),
    },
    {
      Sid: "WriteOrderStatus",
      Effect: "Allow",
      Action: ["dynamodb:UpdateItem"],
      Resource: [args.statusTable.arn],
    },
    {
      Sid: "PublishOrderEvents",
      Effect: "Allow",
      Action: ["events:PutEvents"],
      Resource: [args.eventBus.arn],
    },
    ...(args.container ? workflowContainerStatements(args.container) : []),
    { Sid: "DeliverExecutionLogs", Effect: "Allow", Action: [...LOG_DELIVERY_ACTIONS], Resource: ["*"] },
    { Sid: "SendTraces", Effect: "Allow", Action: [...XRAY_WRITE_ACTIONS], Resource: ["*"] },
  ];
}
