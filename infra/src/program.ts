import { apiFunction } from "@orderflow/api/function";
import { type FunctionManifest, TABLE_NAMES, type TableName, type TaskManifest } from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { containerImage, lambdaCode } from "./code";
import { Alarms, type LoggedFunction } from "./components/alarms";
import type { ContainerNetwork } from "./components/container-task";
import { type DeployedTask, deployTask } from "./components/deploy-task";
import { OrderWorkflow, type WorkflowContainer, type WorkflowFunction } from "./components/order-workflow";
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

/** Every function the program deploys: the workflow's tasks, then the API. Config keys are checked against these. */
export const DEPLOYED_FUNCTIONS: readonly FunctionManifest[] = [...WORKFLOW_TASKS, apiFunction];

/** What a caller may vary; the Pulumi entry uses the defaults. */
export interface ProgramOptions {
  /**
   * The workflow's task manifests. Tests pass a variant (e.g. one task flipped to `kind: "container"`).
   * @default WORKFLOW_TASKS
   */
  readonly tasks?: readonly TaskManifest[];
}

/**
 * The whole stack. A factory, not module top-level code, so tests and the offline synth can run it after
 * installing Pulumi mocks. Reads as the order things come to exist: config, provider, data, tasks,
 * workflow, API, alarms.
 */
export function orderflowProgram(options: ProgramOptions = {}): StackOutputs {
  const workflowTasks = options.tasks ?? WORKFLOW_TASKS;
  const config = loadStackConfig([...workflowTasks, apiFunction]);
  const namePrefix = `${config.project}-${config.stack}-`;
  const stateMachineName = `${namePrefix}orders`;
  onlyOneContainer(workflowTasks);

  const provider = awsProvider(config);
  const inherit = { providers: [provider] };
  const account = aws.getCallerIdentityOutput({}, { provider });
  const partition = aws.getPartitionOutput({}, { provider });

  const { tables } = new Tables(
    "tables",
    {
      namePrefix,
      pointInTimeRecovery: config.pointInTimeRecovery,
      deletionProtection: config.deletionProtection,
    },
    inherit,
  );

  const bus = new aws.cloudwatch.EventBus(
    "order-events",
    { name: `${namePrefix}orders`, description: "Order lifecycle events published by the order workflow" },
    { provider },
  );

  // Known before the machine exists, so a container's role can be scoped to it without a cycle.
  const stateMachineArn = pulumi.interpolate`arn:${partition.partition}:states:${config.region}:${account.accountId}:stateMachine:${stateMachineName}`;
  const tasks = workflowTasks.map((manifest: TaskManifest) =>
    deployTask(
      manifest,
      {
        lambda: () => ({
          ...functionSettings(config, manifest, namePrefix),
          tables,
          code: lambdaCode(`${taskPackage(manifest)}/task`),
        }),
        container: (container) => ({
          family: `${namePrefix}${manifest.name}`,
          image: containerImage(`${taskPackage(container)}/task`),
          tables,
          environment: functionSettings(config, manifest, namePrefix).environment,
          logLevel: config.logLevel,
          logRetentionDays: config.logRetentionDays,
          containerInsights: config.containerInsights,
          network: containerNetwork(config),
          stateMachineArn,
          target: { region: config.region, accountId: account.accountId, partition: partition.partition },
        }),
      },
      inherit,
    ),
  );
  const container = workflowContainer(tasks);

  const workflow = new OrderWorkflow(
    "order-workflow",
    {
      stateMachineName,
      tasks: workflowTasks,
      functions: lambdaFunctions(tasks),
      ...(container && { container }),
      tables,
      statusTable: tables.orders,
      eventBus: { name: bus.name, arn: bus.arn },
      includeExecutionData: config.workflowIncludeExecutionData,
      logRetentionDays: config.logRetentionDays,
      accountId: account.accountId,
    },
    inherit,
  );

  const apiSettings = functionSettings(config, apiFunction, namePrefix);
  const apiHandler = new TaskFunction(
    apiFunction.name,
    {
      ...apiSettings,
      manifest: apiFunction,
      tables,
      code: lambdaCode("@orderflow/api/function"),
      environment: { ...apiSettings.environment, STATE_MACHINE_ARN: workflow.aliasArn },
      additionalStatements: [
        {
          Sid: "StartOrderWorkflow",
          Effect: "Allow",
          Action: ["states:StartExecution"],
          Resource: [workflow.aliasArn],
        },
      ],
    },
    inherit,
  );

  const api = new OrdersApi(
    "orders-api",
    {
      apiName: `${namePrefix}orders`,
      handler: { arn: apiHandler.arn, functionName: apiHandler.functionName },
      auth: config.apiAuth,
      corsAllowOrigins: [...config.corsAllowOrigins],
      throttle: config.apiThrottle,
      logRetentionDays: config.logRetentionDays,
    },
    inherit,
  );

  const alarms = new Alarms(
    "alarms",
    {
      namePrefix,
      accountId: account.accountId,
      partition: partition.partition,
      stateMachineArn: workflow.arn,
      stateMachineLogGroupName: workflow.logGroupName,
      functions: alarmedFunctions(tasks, apiHandler),
      containers: alarmedContainers(tasks),
      apiId: api.apiId,
      ...(config.alarmEmail !== undefined && { email: config.alarmEmail }),
      ...(config.alarmWebhookUrl !== undefined && { webhookUrl: config.alarmWebhookUrl }),
    },
    inherit,
  );

  return {
    apiUrl: api.url,
    stateMachineArn: workflow.arn,
    stateMachineAliasArn: workflow.aliasArn,
    tableNames: pulumi.output(
      Object.fromEntries(TABLE_NAMES.map((table) => [table, tables[table].name])) as Record<
        TableName,
        pulumi.Input<string>
      >,
    ),
    eventBusName: bus.name,
    alarmTopicArn: alarms.topicArn,
  };
}

/** The workspace package that holds a task's code, by the repository's naming convention. */
export function taskPackage(manifest: TaskManifest): string {
  return `@orderflow/task-${manifest.name}`;
}

/** The settings a function gets from the stack config: name, limits, log settings, env overrides. */
function functionSettings(config: StackConfig, manifest: FunctionManifest, namePrefix: string) {
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

function alarmedContainers(
  tasks: readonly DeployedTask[],
): Record<string, { logGroupName: pulumi.Output<string> }> {
  return Object.fromEntries(
    tasks.flatMap((task) =>
      task.container ? [[task.name, { logGroupName: task.container.logGroupName }]] : [],
    ),
  );
}

/** The workflow's references carry one container, so at most one task may run as one. */
function onlyOneContainer(tasks: readonly TaskManifest[]): void {
  const containers = tasks.filter((t) => t.kind === "container").map((t) => t.stateName);
  if (containers.length > 1) {
    throw new Error(
      `${containers.join(" and ")} are both kind "container"; the workflow's references carry one container task`,
    );
  }
}

/** The stack's container networking: the configured subnets, else the default VPC. */
function containerNetwork(config: StackConfig): ContainerNetwork {
  return config.containerSubnetIds === undefined
    ? {}
    : { subnetIds: config.containerSubnetIds, assignPublicIp: config.containerAssignPublicIp ?? false };
}

/** The container task (if any) as the workflow's `refs.container` and its role need it. */
function workflowContainer(tasks: readonly DeployedTask[]): WorkflowContainer | undefined {
  const container = tasks.find((task) => task.container)?.container;
  if (container === undefined) return undefined;
  return {
    clusterArn: container.clusterArn,
    taskDefinitionArn: container.taskDefinitionArn,
    taskDefinitionFamilyArn: container.taskDefinitionFamilyArn,
    containerName: container.containerName,
    subnetIds: container.subnetIds,
    securityGroupIds: container.securityGroupIds,
    assignPublicIp: container.assignPublicIp,
    taskRoleArn: container.taskRoleArn,
    executionRoleArn: container.executionRoleArn,
  };
}

function lambdaFunctions(tasks: readonly DeployedTask[]): Record<string, WorkflowFunction> {
  return Object.fromEntries(
    tasks.flatMap((task) =>
      task.lambda ? [[task.stateName, { arn: task.lambda.arn, versionArn: task.lambda.versionArn }]] : [],
    ),
  );
}
