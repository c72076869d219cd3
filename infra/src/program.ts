import { apiFunction } from "@orderflow/api/function";
import {
  type ContainerTaskManifest,
  type FunctionManifest,
  TABLE_NAMES,
  type TableName,
  type TaskManifest,
} from "@orderflow/domain";
import { outboxFunction } from "@orderflow/outbox/function";
import { reconcilerFunction } from "@orderflow/reconciler/function";
import { NOTIFY_RULE_PATTERN, task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type ContainerImageSource,
  containerImageIn,
  lambdaCode,
  lambdaCodeIn,
  registeredTaskDir,
} from "./code";
import { Alarms, type LoggedFunction } from "./components/alarms";
import type { ContainerNetwork, ContainerTaskArgs } from "./components/container-task";
import { CustomerNotifications } from "./components/customer-notifications";
import {
  type DeployedTask,
  deployTask,
  workflowContainers,
  workflowFunctions,
} from "./components/deploy-task";
import type { TableRef } from "./components/function-statements";
import { OrderEventPublishers } from "./components/order-event-publishers";
import { OrderOutbox } from "./components/order-outbox";
import { OrderWorkflow } from "./components/order-workflow";
import { OrdersApi } from "./components/orders-api";
import { Reconciler } from "./components/reconciler";
import { Tables } from "./components/tables";
import { TaskFunction } from "./components/task-function";
import { loadStackConfig, type StackConfig } from "./config/load";
import { reservedConcurrencyOf } from "./config/reserved-concurrency";
import type { FunctionConfig } from "./config/schema";
import { deployedFunctions } from "./deployed-functions";
import { NO_PAYMENTS, type PaymentWiring, paymentGateway, usesPaymentGateway } from "./payment-gateway";
import { awsProvider } from "./provider";

/**
 * How often the reconciler runs. Orders are looked at only once PENDING longer than its
 * `PENDING_OLDER_THAN_MINUTES`, so a run finds no execution that is still on its way.
 */
const RECONCILE_SCHEDULE = "rate(5 minutes)";

/** What `pulumi stack output` shows. */
export interface StackOutputs {
  readonly apiUrl: pulumi.Output<string>;
  readonly stateMachineArn: pulumi.Output<string>;
  readonly stateMachineAliasArn: pulumi.Output<string>;
  readonly tableNames: pulumi.Output<Record<TableName, string>>;
  readonly eventBusName: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;
  /** Every alarm of the stack: `orderflow rollout` holds a canary while all of them are quiet. */
  readonly alarmNames: pulumi.Output<string[]>;
}

/** What a caller may vary; the Pulumi entry uses the defaults. */
export interface ProgramOptions {
  /**
   * The workflow's task manifests. Tests pass a variant (e.g. tasks flipped to `kind: "container"`).
   * @default WORKFLOW_TASKS
   */
  readonly tasks?: readonly TaskManifest[];
  /**
   * Where a container task's image is built from. Tests that flip a task without a Dockerfile of its own
   * point it at a package that has one.
   * @default the task package's Dockerfile and built `dist/container/` (`containerImage`)
   */
  readonly imageSource?: (manifest: ContainerTaskManifest) => ContainerImageSource;
}

/**
 * The whole stack. A factory, not module top-level code, so tests and the offline synth can run it after
 * installing Pulumi mocks. Reads as the order things come to exist: config and provider, data, event bus
 * and the outbox that alone may publish to it, the payment gateway's secret, tasks, workflow and its
 * reconciler, API, alarms.
 */
export function orderflowProgram(options: ProgramOptions = {}): StackOutputs {
  const stack = stackContext(options);
  const tables = declareTables(stack);
  const bus = declareEventBus(stack);
  const outbox = declareOutbox(stack, tables, bus);
  declareOrderEventPublishers(stack, bus, outbox);
  const payments = paymentGateway(stack.config, stack.provider);
  const tasks = deployTasks(stack, tables, payments);
  const workflow = declareWorkflow(stack, { tasks, tables });
  const reconciler = declareReconciler(stack, tables, workflow);
  const apiHandler = declareApiFunction(stack, tables, workflow);
  const api = declareApi(stack, apiHandler);
  const notifications = declareNotifications(stack, tables, bus);
  const alarms = declareAlarms(stack, {
    tasks,
    workflow,
    apiHandler,
    api,
    outbox,
    reconciler,
    notifications,
  });
  return stackOutputs({ tables, bus, workflow, api, alarms });
}

/** What every step reads: the validated config, the names, the provider and where the stack deploys. */
interface Stack {
  readonly config: StackConfig;
  readonly tasks: readonly TaskManifest[];
  /** Physical names start with it, e.g. `orderflow-prod-`. */
  readonly namePrefix: string;
  readonly stateMachineName: string;
  readonly provider: aws.Provider;
  /** Component options: every child uses the one explicit provider. */
  readonly inherit: pulumi.ComponentResourceOptions;
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  readonly imageSource: (manifest: ContainerTaskManifest) => ContainerImageSource;
}

type TableRefs = Readonly<Record<TableName, TableRef>>;

/** Validated config first (nothing is declared when it is wrong), then the provider and the account. */
function stackContext(options: ProgramOptions): Stack {
  const tasks = options.tasks ?? WORKFLOW_TASKS;
  const config = loadStackConfig(deployedFunctions(tasks));
  const namePrefix = `${config.project}-${config.stack}-`;
  const provider = awsProvider(config);
  return {
    config,
    tasks,
    namePrefix,
    stateMachineName: `${namePrefix}orders`,
    provider,
    inherit: { providers: [provider] },
    accountId: aws.getCallerIdentityOutput({}, { provider }).accountId,
    partition: aws.getPartitionOutput({}, { provider }).partition,
    imageSource: options.imageSource ?? ((manifest) => containerImageIn(registeredTaskDir(manifest))),
  };
}

function declareTables({ namePrefix, config, inherit }: Stack): TableRefs {
  const args = {
    namePrefix,
    pointInTimeRecovery: config.pointInTimeRecovery,
    deletionProtection: config.deletionProtection,
  };
  return new Tables("tables", args, inherit).tables;
}

function declareEventBus({ namePrefix, provider }: Stack): aws.cloudwatch.EventBus {
  return new aws.cloudwatch.EventBus(
    "order-events",
    { name: `${namePrefix}orders`, description: "Order outcomes, published from the orders table's outbox" },
    { provider },
  );
}

/** The outbox's publisher: the orders table's stream onto the bus. */
function declareOutbox(stack: Stack, tables: TableRefs, bus: aws.cloudwatch.EventBus): OrderOutbox {
  return new OrderOutbox(
    "outbox",
    {
      ...functionSettings(stack, outboxFunction),
      code: lambdaCode("@orderflow/outbox/handler"),
      orders: tables.orders,
      bus: { name: bus.name, arn: bus.arn },
      deadLetterQueueName: `${stack.namePrefix}outbox-dead-letters`,
    },
    stack.inherit,
  );
}

/**
 * The bus's resource policy: only the outbox's role may put order events on it, so a consumer can trust
 * an `orderflow.orders` event to be a recorded outcome.
 */
function declareOrderEventPublishers(stack: Stack, bus: aws.cloudwatch.EventBus, outbox: OrderOutbox): void {
  new OrderEventPublishers(
    "order-events",
    { eventBus: { name: bus.name, arn: bus.arn }, publishers: [outbox.function.roleArn] },
    stack.inherit,
  );
}

/** One TaskFunction or ContainerTask per workflow task, as its manifest's `kind` says. */
function deployTasks(stack: Stack, tables: TableRefs, payments: PaymentWiring): DeployedTask[] {
  return stack.tasks.map((manifest) => {
    const gateway = usesPaymentGateway(manifest) ? payments : NO_PAYMENTS;
    return deployTask(
      manifest,
      {
        lambda: () => {
          const settings = functionSettings(stack, manifest);
          return {
            ...settings,
            environment: { ...settings.environment, ...gateway.environment },
            additionalStatements: gateway.statements,
            tables,
            code: lambdaCodeIn(registeredTaskDir(manifest)),
          };
        },
        container: (container) => containerSettings(stack, container, tables),
      },
      stack.inherit,
    );
  });
}

function declareWorkflow(
  stack: Stack,
  deployed: {
    readonly tasks: readonly DeployedTask[];
    readonly tables: TableRefs;
  },
): OrderWorkflow {
  const { config } = stack;
  return new OrderWorkflow(
    "order-workflow",
    {
      stateMachineName: stack.stateMachineName,
      tasks: stack.tasks,
      functions: workflowFunctions(deployed.tasks),
      containers: workflowContainers(deployed.tasks),
      tables: deployed.tables,
      includeExecutionData: config.workflowIncludeExecutionData,
      logRetentionDays: config.logRetentionDays,
      accountId: stack.accountId,
      ...(config.canary !== undefined && { canary: config.canary }),
    },
    stack.inherit,
  );
}

/** The reconciler, every few minutes, on the workflow's executions and the orders table. */
function declareReconciler(stack: Stack, tables: TableRefs, workflow: OrderWorkflow): Reconciler {
  const { config } = stack;
  return new Reconciler(
    "reconciler",
    {
      ...functionSettings(stack, reconcilerFunction),
      code: lambdaCode("@orderflow/reconciler/handler"),
      orders: tables.orders,
      stateMachine: { arn: workflow.arn, name: stack.stateMachineName },
      target: { region: config.region, accountId: stack.accountId, partition: stack.partition },
      schedule: RECONCILE_SCHEDULE,
      namePrefix: stack.namePrefix,
    },
    stack.inherit,
  );
}

/** The API's function: its manifest's settings, plus starting the workflow through its alias. */
function declareApiFunction(stack: Stack, tables: TableRefs, workflow: OrderWorkflow): TaskFunction {
  const settings = functionSettings(stack, apiFunction);
  return new TaskFunction(
    apiFunction.name,
    {
      ...settings,
      manifest: apiFunction,
      tables,
      code: lambdaCode("@orderflow/api/function"),
      environment: { ...settings.environment, STATE_MACHINE_ARN: workflow.aliasArn },
      additionalStatements: [
        {
          Sid: "StartOrderWorkflow",
          Effect: "Allow",
          Action: ["states:StartExecution"],
          Resource: [workflow.aliasArn],
        },
      ],
    },
    stack.inherit,
  );
}

function declareApi({ config, namePrefix, inherit }: Stack, handler: TaskFunction): OrdersApi {
  return new OrdersApi(
    "orders-api",
    {
      apiName: `${namePrefix}orders`,
      handler: { arn: handler.arn, functionName: handler.functionName },
      auth: config.apiAuth,
      corsAllowOrigins: [...config.corsAllowOrigins],
      throttle: config.apiThrottle,
      logRetentionDays: config.logRetentionDays,
    },
    inherit,
  );
}

/** The customer's mail: notify-customer behind a rule on the order bus, sending on the configured identity. */
function declareNotifications(
  stack: Stack,
  tables: TableRefs,
  bus: aws.cloudwatch.EventBus,
): CustomerNotifications {
  const { config } = stack;
  const settings = functionSettings(stack, notifyFunction);
  const identity = config.mailSender.identity;
  return new CustomerNotifications(
    "customer-notifications",
    {
      function: {
        ...settings,
        manifest: notifyFunction,
        tables,
        code: lambdaCode("@orderflow/task-notify-customer/task"),
        environment: { ...settings.environment, MAIL_FROM: config.mailSender.address },
      },
      eventBusName: bus.name,
      eventPattern: NOTIFY_RULE_PATTERN,
      senderIdentityArn: pulumi.interpolate`arn:${stack.partition}:ses:${config.region}:${stack.accountId}:identity/${identity}`,
      namePrefix: stack.namePrefix,
    },
    stack.inherit,
  );
}

function declareAlarms(
  stack: Stack,
  watched: {
    readonly tasks: readonly DeployedTask[];
    readonly workflow: OrderWorkflow;
    readonly apiHandler: TaskFunction;
    readonly api: OrdersApi;
    readonly outbox: OrderOutbox;
    readonly reconciler: Reconciler;
    readonly notifications: CustomerNotifications;
  },
): Alarms {
  const { config } = stack;
  return new Alarms(
    "alarms",
    {
      namePrefix: stack.namePrefix,
      accountId: stack.accountId,
      partition: stack.partition,
      stateMachineArn: watched.workflow.arn,
      stateMachineLogGroupName: watched.workflow.logGroupName,
      functions: alarmedFunctions(watched.tasks, [
        watched.apiHandler,
        watched.notifications.handler,
        watched.outbox.function,
        watched.reconciler.function,
      ]),
      containers: alarmedContainers(watched.tasks),
      apiId: watched.api.apiId,
      deadLetterQueues: {
        [notifyFunction.name]: {
          queueName: watched.notifications.deadLetterQueueName,
          advice:
            "Order events the customer notifications failed to deliver after every retry are parked here: " +
            "read them (each holds the event and the last error), fix the cause, then send them again.",
        },
        [outboxFunction.name]: {
          queueName: watched.outbox.deadLetterQueueName,
          advice:
            "Order events the outbox could not publish after its retries are parked here: each message " +
            "names the stream records to replay (see docs/operations.md).",
        },
      },
      ...(config.alarmEmail !== undefined && { email: config.alarmEmail }),
      ...(config.alarmWebhookUrl !== undefined && { webhookUrl: config.alarmWebhookUrl }),
    },
    stack.inherit,
  );
}

function stackOutputs(declared: {
  readonly tables: TableRefs;
  readonly bus: aws.cloudwatch.EventBus;
  readonly workflow: OrderWorkflow;
  readonly api: OrdersApi;
  readonly alarms: Alarms;
}): StackOutputs {
  const { tables, workflow } = declared;
  return {
    apiUrl: declared.api.url,
    stateMachineArn: workflow.arn,
    stateMachineAliasArn: workflow.aliasArn,
    tableNames: pulumi.output(
      Object.fromEntries(TABLE_NAMES.map((table) => [table, tables[table].name])) as Record<
        TableName,
        pulumi.Input<string>
      >,
    ),
    eventBusName: declared.bus.name,
    alarmTopicArn: declared.alarms.topicArn,
    alarmNames: pulumi.all(declared.alarms.alarmNames).apply((names) => [...names].sort()),
  };
}

/** The settings a function gets from the stack config: name, limits, log settings, env overrides. */
function functionSettings({ config, namePrefix }: Stack, manifest: FunctionManifest) {
  const own: FunctionConfig | undefined = config.functions[manifest.name];
  const environment = Object.fromEntries(
    Object.entries(own?.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const reservedConcurrency = reservedConcurrencyOf(config, manifest.name);
  return {
    functionName: `${namePrefix}${manifest.name}`,
    ...(reservedConcurrency !== undefined && { reservedConcurrency }),
    logRetentionDays: config.logRetentionDays,
    logLevel: config.logLevel,
    environment,
  };
}

/** A container task's settings: its family, image, env overrides, logs, insights and networking. */
function containerSettings(
  stack: Stack,
  manifest: ContainerTaskManifest,
  tables: TableRefs,
): Omit<ContainerTaskArgs, "manifest"> {
  const { config } = stack;
  return {
    family: `${stack.namePrefix}${manifest.name}`,
    image: stack.imageSource(manifest),
    tables,
    // A stack without deletion protection is one that may be torn down, images and all.
    forceDelete: !config.deletionProtection,
    environment: functionSettings(stack, manifest).environment,
    logLevel: config.logLevel,
    logRetentionDays: config.logRetentionDays,
    containerInsights: config.containerInsights,
    network: containerNetwork(config),
    target: { region: config.region, accountId: stack.accountId, partition: stack.partition },
  };
}

/** The stack's container networking: the configured subnets, else the default VPC. */
function containerNetwork(config: StackConfig): ContainerNetwork {
  return config.containerSubnetIds === undefined
    ? {}
    : { subnetIds: config.containerSubnetIds, assignPublicIp: config.containerAssignPublicIp ?? false };
}

/** Every function with the log group its unexpected errors are counted in: the workflow's, then the others. */
function alarmedFunctions(
  tasks: readonly DeployedTask[],
  others: readonly TaskFunction[],
): Record<string, LoggedFunction> {
  const workflowFunctions = tasks.flatMap((task) =>
    task.lambda
      ? [
          [
            task.name,
            { functionName: task.lambda.functionName, logGroupName: task.lambda.logGroupName },
          ] as const,
        ]
      : [],
  );
  return {
    ...Object.fromEntries(workflowFunctions),
    ...Object.fromEntries(
      others.map((fn) => [fn.manifestName, { functionName: fn.functionName, logGroupName: fn.logGroupName }]),
    ),
  };
}

/** Every container task with its log group, keyed by manifest name like the functions. */
function alarmedContainers(
  tasks: readonly DeployedTask[],
): Record<string, { logGroupName: pulumi.Output<string> }> {
  return Object.fromEntries(
    tasks.flatMap((task) =>
      task.container ? [[task.name, { logGroupName: task.container.logGroupName }]] : [],
    ),
  );
}
