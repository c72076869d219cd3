import { apiFunction } from "@orderflow/api/function";
import { type FunctionManifest, TABLE_NAMES, type TableName, type TaskManifest } from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lambdaCode } from "./code";
import { Alarms } from "./components/alarms";
import { type DeployedTask, deployTask } from "./components/deploy-task";
import { OrderWorkflow, type WorkflowFunction } from "./components/order-workflow";
import { OrdersApi } from "./components/orders-api";
import { Tables } from "./components/tables";
import { TaskFunction } from "./components/task-function";
import { loadStackConfig, type StackConfig } from "./config/load";
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

/**
 * The whole stack. A factory, not module top-level code, so tests and the offline synth can run it after
 * installing Pulumi mocks. Reads as the order things come to exist: config, provider, data, tasks,
 * workflow, API, alarms.
 */
export function orderflowProgram(): StackOutputs {
  const config = loadStackConfig(DEPLOYED_FUNCTIONS);
  const namePrefix = `${config.project}-${config.stack}-`;

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

  const tasks = WORKFLOW_TASKS.map((manifest: TaskManifest) =>
    deployTask(
      manifest,
      {
        ...functionSettings(config, manifest, namePrefix),
        tables,
        code: lambdaCode(`${taskPackage(manifest)}/task`),
      },
      inherit,
    ),
  );

  const workflow = new OrderWorkflow(
    "order-workflow",
    {
      stateMachineName: `${namePrefix}orders`,
      functions: lambdaFunctions(tasks),
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
      functions: {
        ...Object.fromEntries(
          tasks.flatMap((task) => (task.lambda ? [[task.name, task.lambda.functionName]] : [])),
        ),
        [apiFunction.name]: apiHandler.functionName,
      },
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
  const own = config.functions[manifest.name];
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

function lambdaFunctions(tasks: readonly DeployedTask[]): Record<string, WorkflowFunction> {
  return Object.fromEntries(
    tasks.flatMap((task) =>
      task.lambda ? [[task.stateName, { arn: task.lambda.arn, versionArn: task.lambda.versionArn }]] : [],
    ),
  );
}
