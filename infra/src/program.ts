import { apiFunction } from "@orderflow/api/function";
import {
  type ContainerTaskManifest,
  type FunctionManifest,
  TABLE_NAMES,
  type TableName,
  type TaskManifest,
} from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ContainerImageSource, containerImage, lambdaCode } from "./code";
import { Alarms, type LoggedFunction } from "./components/alarms";
import type { ContainerNetwork, ContainerTaskArgs } from "./components/container-task";
import {
  type DeployedTask,
  deployTask,
  workflowContainers,
  workflowFunctions,
} from "./components/deploy-task";
import type { TableRef } from "./components/function-statements";
import { OrderEventPublishers } from "./components/order-event-publishers";
import { OrderWorkflow } from "./components/order-workflow";
import { OrdersApi } from "./components/orders-api";
import { Tables } from "./components/tables";
import { TaskFunction } from "./components/task-function";
import { loadStackConfig, type StackConfig } from "./config/load";
import type { FunctionConfig } from "./config/schema";
import type { StatementInput } from "./iam/policy-document";
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
 * the payment gateway's secret, tasks, workflow and who may publish its events, API, alarms.
 */
export function orderflowProgram(options: ProgramOptions = {}): StackOutputs {
  const stack = stackContext(options);
  const tables = declareTables(stack);
  const bus = declareEventBus(stack);
  const payments = declarePaymentGateway(stack);
  const tasks = deployTasks(stack, tables, payments);
  const workflow = declareWorkflow(stack, { tasks, tables, bus });
  declareOrderEventPublishers(stack, bus, workflow);
  const apiHandler = declareApiFunction(stack, tables, workflow);
  const api = declareApi(stack, apiHandler);
  const alarms = declareAlarms(stack, { tasks, workflow, apiHandler, api });
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
  const config = loadStackConfig([...tasks, apiFunction]);
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

/** What the payment functions get for the configured gateway: its variables, and the grants it needs. */
interface PaymentWiring {
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  readonly statements: readonly StatementInput[];
}

/**
 * The gateway both payment functions use. For Stripe, the secret key goes from Pulumi secret config into
 * an SSM SecureString parameter (under the AWS-managed `aws/ssm` key, which lets every principal of the
 * account decrypt through Parameter Store, so the grant is `ssm:GetParameter` on this one parameter and
 * no `kms:Decrypt`); the functions get its name, never the key.
 */
function declarePaymentGateway({ config, provider }: Stack): PaymentWiring {
  const environment = { PAYMENT_GATEWAY: config.paymentGateway };
  if (config.paymentGateway !== "stripe" || config.stripeSecretKey === undefined)
    return { environment, statements: [] };
  const parameter = new aws.ssm.Parameter(
    "stripe-secret-key",
    {
      name: `/${config.project}/${config.stack}/stripe-secret-key`,
      description: "Stripe secret key of the payment functions, from the secret orderflow:stripeSecretKey",
      type: "SecureString",
      value: config.stripeSecretKey,
    },
    { provider },
  );
  return {
    environment: { ...environment, STRIPE_SECRET_KEY_PARAMETER_NAME: parameter.name },
    statements: [
      {
        Sid: "ReadStripeSecretKey",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: [parameter.arn],
      },
    ],
  };
}

/** The payment functions are those whose manifest reads the gateway's name. */
function usesPaymentGateway(manifest: FunctionManifest): boolean {
  return "PAYMENT_GATEWAY" in manifest.env;
}

/** One TaskFunction or ContainerTask per workflow task, as its manifest's `kind` says. */
function deployTasks(stack: Stack, tables: TableRefs, payments: PaymentWiring): DeployedTask[] {
  const { config, accountId, partition } = stack;
  // Known before the machine exists, so a container's role can be scoped to it without a cycle.
  const stateMachineArn = pulumi.interpolate`arn:${partition}:states:${config.region}:${accountId}:stateMachine:${stack.stateMachineName}`;
  return stack.tasks.map((manifest) => {
    const gateway = usesPaymentGateway(manifest) ? payments : { environment: {}, statements: [] };
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
            code: lambdaCode(`${taskPackage(manifest)}/task`),
          };
        },
        container: (container) => containerSettings(stack, container, { tables, stateMachineArn }),
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

/** The order events' source is reserved to the workflow's role (and, later, the outbox pipe's and the reconciler's). */
function declareOrderEventPublishers(
  stack: Stack,
  bus: aws.cloudwatch.EventBus,
  workflow: OrderWorkflow,
): void {
  new OrderEventPublishers(
    "order-events",
    { eventBus: { name: bus.name, arn: bus.arn }, publishers: [workflow.roleArn] },
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

function declareAlarms(
  stack: Stack,
  watched: {
    readonly tasks: readonly DeployedTask[];
    readonly workflow: OrderWorkflow;
    readonly apiHandler: TaskFunction;
    readonly api: OrdersApi;
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
      functions: alarmedFunctions(watched.tasks, watched.apiHandler),
      containers: alarmedContainers(watched.tasks),
      apiId: watched.api.apiId,
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

/** Every function with the log group its unexpected errors are counted in: the workflow's, then the API. */
function alarmedFunctions(tasks: readonly DeployedTask[], api: TaskFunction): Record<string, LoggedFunction> {
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
    [apiFunction.name]: { functionName: api.functionName, logGroupName: api.logGroupName },
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
