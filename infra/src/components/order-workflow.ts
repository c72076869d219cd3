import type { TableName, TaskManifest } from "@orderflow/domain";
import {
  type ContainerRefs,
  orderWorkflow,
  WORKFLOW_TASKS,
  type WorkflowRefs,
  workflowTableAccess,
} from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aliasDescription, aliasRoutes, LIVE_ALIAS, onDeploy } from "../canary/alias-state";
import { allVersionsOf, policyJson, type StatementInput } from "../iam/policy-document";
import { LOG_DELIVERY_ACTIONS, XRAY_WRITE_ACTIONS } from "../iam/wildcards";
import { type ContainerLaunch, workflowContainerStatements } from "./container-statements";
import type { TableRef } from "./function-statements";
import { currentAliasState } from "./live-alias";
import { serviceRole } from "./service-role";

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
  /** The container whose environment the state overrides with the token and input. */
  readonly containerName: pulumi.Input<string>;
  /** The subnets the task's network interface is placed in. */
  readonly subnetIds: pulumi.Input<string[]>;
  /** The task's security groups. */
  readonly securityGroupIds: pulumi.Input<string[]>;
  /** Whether the task gets a public IP (needed in subnets without NAT). */
  readonly assignPublicIp: pulumi.Input<boolean>;
}

export interface OrderWorkflowArgs {
  /** Physical name of the state machine; its log group is `/aws/vendedlogs/states/<name>`. */
  readonly stateMachineName: pulumi.Input<string>;
  /**
   * The task manifests the definition is built from; each one's `kind` decides Lambda or ECS.
   * @default WORKFLOW_TASKS
   */
  readonly tasks?: readonly TaskManifest[];
  /** The workflow's Lambda tasks keyed by state name (`ReserveInventory`). Keys must be known up front. */
  readonly functions: Readonly<Record<string, WorkflowFunction>>;
  /**
   * The workflow's container tasks keyed by state name (`CreateShipment`): one per manifest of kind
   * `container`. Keys must be known up front.
   * @default {}
   */
  readonly containers?: Readonly<Record<string, WorkflowContainer>>;
  /**
   * Every deployed table (the definition receives all names; the role may use those its own states use:
   * the order's status writes, which are the events' outbox, and the shipment read after a lost answer).
   */
  readonly tables: Readonly<Record<TableName, TableRef>>;
  /** Execution input/output in the logs; false in prod because orders carry e-mail and addresses. */
  readonly includeExecutionData: pulumi.Input<boolean>;
  /** Retention of the execution log group, in days. */
  readonly logRetentionDays: pulumi.Input<number>;
  /** Only this account's Step Functions may assume the role. */
  readonly accountId: pulumi.Input<string>;
  /**
   * A newly published version first gets `weight` percent of new executions beside the stable one, and
   * `orderflow rollout` promotes it after the bake or aborts it on an alarm. Plain data: it decides how
   * the alias routes.
   * @default none: every new execution runs the new version at once
   */
  readonly canary?: { readonly weight: number };
}

/**
 * The order workflow as a STANDARD state machine: the definition rendered from the deployed references in
 * one apply, a published version per deploy behind the `live` alias (optionally as a canary), full logging
 * to its own log group, tracing, and a role that can reach exactly the workflow's functions, containers,
 * status table and bus.
 *
 * @example
 * ```ts
 * const workflow = new OrderWorkflow("order-workflow", {
 *   stateMachineName: "orderflow-prod-orders",
 *   functions: { ValidateOrder: { arn: validate.arn, versionArn: validate.versionArn } },
 *   containers: { CreateShipment: shipmentTask },
 *   tables,
 *   includeExecutionData: false,
 *   logRetentionDays: 365,
 *   accountId,
 * }, { providers: [provider] });
 * // Start executions through workflow.aliasArn.
 * ```
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

    const logGroup = this.logGroup(name, args);
    const { role, policy } = this.role(name, args);
    const definition = renderDefinition(args);
    const stateMachine = this.stateMachine(name, args, { role, policy, logGroup, definition });
    const alias = this.alias(name, args, stateMachine);

    this.arn = stateMachine.arn;
    this.versionArn = stateMachine.stateMachineVersionArn;
    this.aliasArn = alias.arn;
    this.name = stateMachine.name;
    this.roleArn = role.arn;
    this.definition = definition;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ arn: this.arn, aliasArn: this.aliasArn, versionArn: this.versionArn });
  }

  private logGroup(name: string, args: OrderWorkflowArgs): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        // The vended-logs prefix keeps CloudWatch's log resource policy small however many machines log.
        name: pulumi.interpolate`/aws/vendedlogs/states/${args.stateMachineName}`,
        retentionInDays: args.logRetentionDays,
      },
      { parent: this },
    );
  }

  /** The role Step Functions assumes, with exactly what the definition touches. */
  private role(name: string, args: OrderWorkflowArgs) {
    const role = serviceRole(
      `${name}-role`,
      {
        roleName: args.stateMachineName,
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
    return { role, policy };
  }

  private stateMachine(
    name: string,
    args: OrderWorkflowArgs,
    parts: {
      readonly role: aws.iam.Role;
      readonly policy: aws.iam.RolePolicy;
      readonly logGroup: aws.cloudwatch.LogGroup;
      readonly definition: pulumi.Output<string>;
    },
  ): aws.sfn.StateMachine {
    return new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: args.stateMachineName,
        type: "STANDARD",
        roleArn: parts.role.arn,
        definition: parts.definition,
        publish: true,
        loggingConfiguration: {
          level: "ALL",
          includeExecutionData: args.includeExecutionData,
          logDestination: pulumi.interpolate`${parts.logGroup.arn}:*`,
        },
        tracingConfiguration: { enabled: true },
      },
      // Step Functions validates the role's permissions when the machine is created or updated.
      { parent: this, dependsOn: [parts.policy] },
    );
  }

  /**
   * `live`: every new execution on the version this deploy published, or, with a canary share, that
   * version beside the stable one, computed from the alias as AWS has it (see `src/canary/alias-state.ts`).
   */
  private alias(name: string, args: OrderWorkflowArgs, stateMachine: aws.sfn.StateMachine): aws.sfn.Alias {
    const weight = args.canary?.weight;
    const state = pulumi
      .all([stateMachine.arn, stateMachine.stateMachineVersionArn])
      .apply(async ([arn, published]) => onDeploy(await currentAliasState(arn, this), published, weight));
    return new aws.sfn.Alias(
      `${name}-alias`,
      {
        name: LIVE_ALIAS,
        description: state.apply(aliasDescription),
        routingConfigurations: state.apply(aliasRoutes),
      },
      { parent: this },
    );
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
      pulumi.output(containerRefs(args.containers ?? {})),
    ])
    .apply(([functionArns, names, containers]) => {
      const refs: WorkflowRefs = {
        functionArns,
        tableNames: names as WorkflowRefs["tableNames"],
        containers,
      };
      return JSON.stringify(orderWorkflow(refs, tasks));
    });
}

/** Each container's part of the references (`refs.containers`), keyed by state name, still as inputs. */
function containerRefs(
  containers: Readonly<Record<string, WorkflowContainer>>,
): Record<string, { [K in keyof ContainerRefs]: pulumi.Input<ContainerRefs[K]> }> {
  return Object.fromEntries(
    Object.entries(containers).map(([state, container]) => [
      state,
      {
        clusterArn: container.clusterArn,
        taskDefinitionArn: container.taskDefinitionArn,
        containerName: container.containerName,
        subnetIds: container.subnetIds,
        securityGroupIds: container.securityGroupIds,
        assignPublicIp: container.assignPublicIp,
      },
    ]),
  );
}

/** Exactly the DynamoDB actions the workflow's own states make on each table, read off the definition. */
function ownTableStatements(args: OrderWorkflowArgs): StatementInput[] {
  const access = workflowTableAccess(args.tasks ?? WORKFLOW_TASKS);
  return (Object.entries(access) as [TableName, string[]][])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, actions]) => ({
      Sid: `WorkflowStates${table.charAt(0).toUpperCase()}${table.slice(1)}`,
      Effect: "Allow" as const,
      Action: actions.map((action) => `dynamodb:${action}`),
      Resource: [args.tables[table].arn],
    }));
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
    ...ownTableStatements(args),
    ...workflowContainerStatements(args.containers ?? {}),
    { Sid: "DeliverExecutionLogs", Effect: "Allow", Action: [...LOG_DELIVERY_ACTIONS], Resource: ["*"] },
    { Sid: "SendTraces", Effect: "Allow", Action: [...XRAY_WRITE_ACTIONS], Resource: ["*"] },
  ];
}
