/**
 * `orderflow start`: starts one order on a DEPLOYED stack's state machine (unlike `run`, which runs it
 * locally) and, with --wait, follows it to the end.
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { newOrderId } from "@orderflow/domain";
import { LOCAL_AWS_ENV } from "@orderflow/dynamodb-local";
import { LOCAL_STATE_MACHINE_ARN } from "@orderflow/local";
import { executionArnOf, type NamedResource, parseStateMachineArn } from "@orderflow/workflow/asl";
import { isAwsError } from "./aws-error-text";
import { CliError, type CliIo, type Command } from "./command";
import { parseOptions } from "./parse-options";
import { pulumiProjectDir } from "./pulumi-project";
import { type RunProgram, runProgram } from "./run-program";
import { awsFailure } from "./start/aws-errors";
import { consoleUrl, isClosed, writeOutcome } from "./start/execution-report";
import { readOrder } from "./start/order-input";
import { stateMachineArnOfStack } from "./start/stack-outputs";
import { EXIT_CODES, StartFailure } from "./start/start-failure";

export const START_USAGE =
  "orderflow start (--stack <name> | --state-machine-arn <arn> | --endpoint-url <url>) --input <order.json> [--wait]";

export interface StartCommandOptions {
  /** Path of the order JSON (an `OrderRequest`; an id is assigned when it has none). */
  readonly input: string;
  /** Pulumi stack whose `stateMachineAliasArn` (else `stateMachineArn`) output is started. */
  readonly stack?: string;
  /** Starts this state machine (or alias, or version) and skips reading the stack. */
  readonly stateMachineArn?: string;
  /**
   * A Step Functions endpoint other than AWS's, such as the local cloud of `orderflow dev`; without a
   * state machine ARN it starts the local order workflow.
   */
  readonly endpointUrl?: string;
  /**
   * Follow the execution until it ends and print its output, or its error and cause.
   * @default false
   */
  readonly wait?: boolean;
  /**
   * Time between two DescribeExecution calls while waiting.
   * @default 2000
   */
  readonly pollIntervalMs?: number;
}

export interface StartCommandDeps {
  readonly io: CliIo;
  /** Runs `pulumi stack output`; a child process in the CLI, a fake in tests. */
  readonly runProgram: RunProgram;
  /** The folder holding Pulumi.yaml, where `pulumi stack output` runs. */
  readonly infraDir: string;
  /** A Step Functions client for the state machine's region, at `endpoint` when one is given. */
  readonly sfnClient: (region: string, endpoint?: string) => SFNClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly newOrderId: () => string;
}

/**
 * Credentials for an endpoint other than AWS's: the AWS CLI's and SDK's own when configured (a local
 * endpoint accepts any), otherwise the local ones, so no AWS account is needed to talk to the local cloud.
 */
function localCredentials() {
  return {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY,
  };
}

/** The CLI's real dependencies: the process's streams, child processes, the AWS SDK's default credentials. */
export function defaultStartDeps(io: CliIo): StartCommandDeps {
  return {
    io,
    runProgram,
    infraDir: pulumiProjectDir(),
    sfnClient: (region, endpoint) =>
      endpoint === undefined
        ? new SFNClient({ region })
        : new SFNClient({ region, endpoint, credentials: localCredentials() }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newOrderId: () => newOrderId(),
  };
}

/** Parses `orderflow start` arguments; throws a one-line CliError (exit 2) when they are incomplete. */
export function parseStartArgs(args: readonly string[]): StartCommandOptions {
  const values = parseOptions(
    args,
    {
      stack: { type: "string" },
      "state-machine-arn": { type: "string" },
      "endpoint-url": { type: "string" },
      input: { type: "string" },
      wait: { type: "boolean", default: false },
    },
    START_USAGE,
  );
  if (!values.input) throw new CliError(`--input <order.json> is required; usage: ${START_USAGE}`);
  const endpointUrl = values["endpoint-url"];
  if (!values.stack && !values["state-machine-arn"] && !endpointUrl) {
    throw new CliError(
      `--stack <name>, --state-machine-arn <arn> or --endpoint-url <url> is required; usage: ${START_USAGE}`,
    );
  }
  if (endpointUrl !== undefined && !URL.canParse(endpointUrl)) {
    throw new CliError(`--endpoint-url ${endpointUrl} is not a URL, e.g. http://127.0.0.1:4600`);
  }
  const stateMachineArn =
    values["state-machine-arn"] ?? (endpointUrl && !values.stack ? LOCAL_STATE_MACHINE_ARN : undefined);
  return {
    input: values.input,
    wait: values.wait,
    ...(values.stack ? { stack: values.stack } : {}),
    ...(stateMachineArn ? { stateMachineArn } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  };
}

async function stateMachineOf(options: StartCommandOptions, deps: StartCommandDeps) {
  const arn =
    options.stateMachineArn ??
    (await stateMachineArnOfStack(options.stack ?? "", deps.infraDir, deps.runProgram));
  const parts = parseStateMachineArn(arn);
  if (!parts) {
    throw new StartFailure(
      options.stateMachineArn ? "input" : "stack",
      `${arn} is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>[:<alias>])`,
    );
  }
  return { arn, parts };
}

/** Starts the execution; an order started before is reported as such, by its deterministic ARN. */
async function startOrFind(
  client: SFNClient,
  machine: { arn: string; parts: NamedResource },
  order: { orderId: string },
  { io, endpointUrl }: { io: CliIo; endpointUrl: string | undefined },
): Promise<string> {
  try {
    const started = await client.send(
      new StartExecutionCommand({
        stateMachineArn: machine.arn,
        name: order.orderId,
        input: JSON.stringify(order),
      }),
    );
    const executionArn = started.executionArn ?? executionArnOf(machine.parts, order.orderId);
    io.stdout.write(`started order ${order.orderId}: ${executionArn}\n`);
    io.stdout.write(`console: ${consoleUrl(executionArn, machine.parts.arn.region, endpointUrl)}\n`);
    return executionArn;
  } catch (error) {
    if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
  }
  // Execution names are unique per state machine for 90 days: the order already has its execution.
  const executionArn = executionArnOf(machine.parts, order.orderId);
  const existing = await client.send(new DescribeExecutionCommand({ executionArn }));
  io.stdout.write(
    `order ${order.orderId} was already started: ${executionArn} is ${existing.status}` +
      ` (started ${existing.startDate?.toISOString() ?? "at an unknown time"})\n`,
  );
  io.stdout.write(`console: ${consoleUrl(executionArn, machine.parts.arn.region, endpointUrl)}\n`);
  return executionArn;
}

async function waitForEnd(
  client: SFNClient,
  executionArn: string,
  options: StartCommandOptions,
  deps: StartCommandDeps,
): Promise<DescribeExecutionCommandOutput> {
  let lastStatus: string | undefined;
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (isClosed(execution.status)) return execution;
    if (execution.status !== lastStatus) deps.io.stderr.write(`waiting: ${execution.status}\n`);
    lastStatus = execution.status;
    await deps.sleep(options.pollIntervalMs ?? 2000);
  }
}

/**
 * `orderflow start`: reads the state machine from the stack's outputs (or `--state-machine-arn`), starts
 * the order with its id as execution name, and with `wait` polls until the execution ends. Resolves to
 * the exit code: 0 started (or already started) / succeeded, 1 the execution failed, timed out or was
 * aborted, 2 bad arguments or order file, 3 the stack or AWS could not be used. Every failure is one
 * line on stderr.
 */
export async function startCommand(options: StartCommandOptions, deps: StartCommandDeps): Promise<number> {
  try {
    // The order is checked first, so a typo in it costs no call to Pulumi or AWS.
    const order = await readOrder(options.input, deps.newOrderId);
    const machine = await stateMachineOf(options, deps);
    const client = deps.sfnClient(machine.parts.arn.region, options.endpointUrl);
    try {
      const executionArn = await startOrFind(client, machine, order, {
        io: deps.io,
        endpointUrl: options.endpointUrl,
      });
      if (!options.wait) return EXIT_CODES.ok;
      const execution = await waitForEnd(client, executionArn, options, deps);
      writeOutcome(deps.io, execution);
      return execution.status === "SUCCEEDED" ? EXIT_CODES.ok : EXIT_CODES.execution;
    } catch (error) {
      throw isAwsError(error) ? awsFailure(error, machine.arn) : error;
    }
  } catch (error) {
    if (!(error instanceof StartFailure)) throw error;
    deps.io.stderr.write(`orderflow start: ${error.message}\n`);
    return EXIT_CODES[error.kind];
  }
}

/** The `start` subcommand for the CLI's command list. */
export const startSubcommand: Command = {
  name: "start",
  summary: "start an order on a deployed stack's state machine (--wait follows it to the end)",
  usage: START_USAGE,
  run: (args, { io }) => startCommand(parseStartArgs(args), defaultStartDeps(io)),
};
