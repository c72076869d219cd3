import { apiFunction } from "@orderflow/api/function";
import {
  type ContainerTaskManifest,
  type FunctionManifest,
  TABLE_NAMES,
  type TableName,
  type TaskManifest,
} from "@orderflow/domain";
import { NOTIFY_RULE_PATTERN, task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ContainerImageSource, containerImage, lambdaCode } from "./code";
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
import { OrderWorkflow } from "./components/order-workflow";
import { OrdersApi } from "./components/orders-api";
import { Tables } from "./components/tables";
import { TaskFunction } from "./components/task-function";
import { loadStackConfig, type StackConfig } from "./config/load";
import type { FunctionConfig } from "./config/schema";
import { awsProvider } from "./provider";

/** What `pulumi stack output` shows. */
export interface StackOutputs {
  readonly apiUrl: pulumi.Output<string>;
  readonly stateMachineArn: pulumi.Output<string>;
  readonly stateMachineAliasArn: pulumi.Output<string>;
  readonly tableNames: pulumi.Output<Record<TableName, string>>;
  readonly eventBusName: pulumi.Output<string>;
  readonly alarmTopicArn: pulumi.Output<string>;
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
 * installing Pulumi mocks. Reads as the order things come to exist: config and provider, data, event bus,
 * tasks, workflow, API, alarms.
 */
export function orderflowProgram(options: ProgramOptions = {}): StackOutputs {
  const stack = stackContext(options);
  const tables = declareTables(stack);
  const bus = declareEventBus(stack);
  const tasks = deployTasks(stack, tables);
  const workflow = declareWorkflow(stack, { tasks, tables, bus });
  const apiHandler = declareApiFunction(stack, tables, workflow);
  const api = declareApi(stack, apiHandler);
  const notifications = declareNotifications(stack, tables, bus);
  const alarms = declareAlarms(stack, { tasks, workflow, apiHandler, api, notifications });
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
  const config = loadStackConfig([...tasks, apiFunction, notifyFunction]);
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
    imageSource: options.imageSource ?? ((manifest) => containerImage(`${taskPackage(manifest)}/task`)),
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
    { name: `${namePrefix}orders`, description: "Order lifecycle events published by the order workflow" },
    { provider },
  );
}

/** One TaskFunction or ContainerTask per workflow task, as its manifest's `kind` says. */
function deployTasks(stack: Stack, tables: TableRefs): DeployedTask[] {
  const { config, accountId, partition } = stack;
  // Known before the machine exists, so a container's role can be scoped to it without a cycle.
  const stateMachineArn = pulumi.interpolate`arn:${partition}:states:${config.region}:${accountId}:stateMachine:${stack.stateMachineName}`;
  return stack.tasks.map((manifest) =>
    deployTask(
      manifest,
      {
        lambda: () => ({
          ...functionSettings(stack, manifest),
          tables,
          code: lambdaCode(`${taskPackage(manifest)}/task`),
        }),
        container: (container) => containerSettings(stack, container, { tables, stateMachineArn }),
      },
      stack.inherit,
    ),
  );
}

function declareWorkflow(
  stack: Stack,
  deployed: {
    readonly tasks: readonly DeployedTask[];
    readonly tables: TableRefs;
    readonly bus: aws.cloudwatch.EventBus;
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
      statusTable: deployed.tables.orders,
      eventBus: { name: deployed.bus.name, arn: deployed.bus.arn },
      includeExecutionData: config.workflowIncludeExecutionData,
      logRetentionDays: config.logRetentionDays,
      accountId: stack.accountId,
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
      functions: alarmedFunctions(watched.tasks, [watched.apiHandler, watched.notifications.handler]),
      containers: alarmedContainers(watched.tasks),
      apiId: watched.api.apiId,
      deadLetterQueues: {
        [notifyFunction.name]: { queueName: watched.notifications.deadLetterQueueName },
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
  };
}

/** The workspace package that holds a task's code, by the repository's naming convention. */
function taskPackage(manifest: TaskManifest): string {
  return `@orderflow/task-${manifest.name}`;
}

/** The settings a function gets from the stack config: name, limits, log settings, env overrides. */
function functionSettings({ config, namePrefix }: Stack, manifest: FunctionManifest) {
  const own: FunctionConfig | undefined = config.functions[manifest.name];
  const environment = Object.fromEntries(
    Object.entries(own?.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    functionName: `${namePrefix}${manifest.name}`,
    reservedConcurrency: own?.reservedConcurrency ?? config.reservedConcurrency,
    logRetentionDays: config.logRetentionDays,
    logLevel: config.logLevel,
    environment,
  };
}

/** A container task's settings: its family, image, env overrides, logs, insights and networking. */
function containerSettings(
  stack: Stack,
  manifest: ContainerTaskManifest,
  wiring: { readonly tables: TableRefs; readonly stateMachineArn: pulumi.Output<string> },
): Omit<ContainerTaskArgs, "manifest"> {
  const { config } = stack;
  return {
    family: `${stack.namePrefix}${manifest.name}`,
    image: stack.imageSource(manifest),
    tables: wiring.tables,
    environment: functionSettings(stack, manifest).environment,
    logLevel: config.logLevel,
    logRetentionDays: config.logRetentionDays,
    containerInsights: config.containerInsights,
    network: containerNetwork(config),
    stateMachineArn: wiring.stateMachineArn,
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
