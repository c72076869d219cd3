import { reconcilerFunction } from "@orderflow/reconciler/function";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson } from "../iam/policy-document";
import type { TableRef } from "./function-statements";
import { serviceRole } from "./service-role";
import { TaskFunction, type TaskFunctionArgs } from "./task-function";

export interface ReconcilerArgs
  extends Pick<
    TaskFunctionArgs,
    "functionName" | "code" | "reservedConcurrency" | "logRetentionDays" | "logLevel" | "environment"
  > {
  /** The orders table: its `byStatus` index is read and PENDING orders are updated. */
  readonly orders: TableRef;
  /** The order workflow (unqualified), whose executions are named by order id. */
  readonly stateMachine: { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> };
  /** Where the executions live, to name them without a wildcard beyond the execution name. */
  readonly target: {
    readonly region: pulumi.Input<string>;
    readonly accountId: pulumi.Input<string>;
    readonly partition: pulumi.Input<string>;
  };
  /** EventBridge Scheduler expression, e.g. `rate(5 minutes)`. */
  readonly schedule: pulumi.Input<string>;
  /** The schedule and its role are named `<namePrefix>reconcile…`, like the stack's other resources. */
  readonly namePrefix: pulumi.Input<string>;
}

/**
 * The reconciler on a schedule: a function that records the outcome of orders left PENDING after their
 * execution ended, and an EventBridge Scheduler schedule whose own role may invoke only that function.
 * The function may query the orders table's indexes and update orders (its manifest), and describe and
 * read the history of this state machine's executions only.
 *
 * @example
 * ```ts
 * new Reconciler("reconciler", {
 *   functionName: "orderflow-prod-reconciler",
 *   code: lambdaCode("@orderflow/reconciler/handler"),
 *   reservedConcurrency: 1,
 *   logRetentionDays: 365,
 *   orders: tables.orders,
 *   stateMachine: { arn: workflow.arn, name: "orderflow-prod-orders" },
 *   target: { region, accountId, partition },
 *   schedule: "rate(5 minutes)",
 *   namePrefix: "orderflow-prod-",
 * }, { providers: [provider] });
 * ```
 */
export class Reconciler extends pulumi.ComponentResource {
  readonly function: TaskFunction;

  constructor(name: string, args: ReconcilerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:operations:Reconciler", name, {}, opts);
    const { region, accountId, partition } = args.target;

    // Named like every function (`<name>-function`, `<name>-role`, …), so alarms and tests find it alike.
    this.function = new TaskFunction(
      name,
      {
        ...args,
        manifest: reconcilerFunction,
        tables: { orders: args.orders },
        environment: { ...args.environment, STATE_MACHINE_ARN: args.stateMachine.arn },
        additionalStatements: [
          {
            Sid: "ReadOrderExecutions",
            Effect: "Allow",
            Action: ["states:DescribeExecution", "states:GetExecutionHistory"],
            Resource: [
              pulumi.interpolate`arn:${partition}:states:${region}:${accountId}:execution:${args.stateMachine.name}:*`,
            ],
          },
        ],
      },
      { parent: this },
    );
    const schedulerRole = serviceRole(
      `${name}-scheduler-role`,
      {
        roleName: pulumi.interpolate`${args.namePrefix}reconcile-scheduler`,
        service: "scheduler.amazonaws.com",
        description: "Runs the reconciler",
        sourceAccount: accountId,
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-scheduler-policy`,
      {
        role: schedulerRole.id,
        policy: policyJson([
          {
            Sid: "InvokeReconciler",
            Effect: "Allow",
            Action: ["lambda:InvokeFunction"],
            Resource: [this.function.arn],
          },
        ]),
      },
      { parent: this },
    );
    new aws.scheduler.Schedule(
      `${name}-schedule`,
      {
        name: pulumi.interpolate`${args.namePrefix}reconcile`,
        description: "One reconciliation pass over the orders left PENDING",
        scheduleExpression: args.schedule,
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: this.function.arn,
          roleArn: schedulerRole.arn,
          // A missed pass is made up by the next one; retrying a slow one would only overlap it.
          retryPolicy: { maximumRetryAttempts: 0 },
        },
      },
      { parent: this },
    );
    this.registerOutputs({ functionName: this.function.functionName });
  }
}
