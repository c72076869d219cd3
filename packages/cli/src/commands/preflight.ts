/**
 * `orderflow preflight --stack <name>`: what a first `pulumi up` needs, checked before it runs: the stack
 * config, the credentials' account and region, Lambda's concurrency quota, the network for container
 * tasks, the image builder, the alarm subscription (once deployed) and the pinned Pulumi CLI.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { CONTAINER_TASKS, ConfigError, readStackPlan, type StackPlan } from "@orderflow/infra/stack-plan";
import { CliError, type CliIo, type Command } from "./command";
import { parseOptions } from "./parse-options";
import { checkAlarmSubscription } from "./preflight/alarm-subscription";
import { type CheckResult, fail, pass, skip } from "./preflight/check-result";
import { checkCredentials } from "./preflight/credentials";
import { checkImageBuilder } from "./preflight/image-builder";
import { checkLambdaQuota } from "./preflight/lambda-quota";
import { checkNetwork } from "./preflight/network";
import { checkPulumiVersion, pinnedPulumiVersion } from "./preflight/pulumi-version";
import { writeReport } from "./preflight/report";
import { pulumiProjectDir } from "./pulumi-project";
import { type RunProgram, runProgram } from "./run-program";
import { readStackOutputs } from "./stack-outputs";

export const PREFLIGHT_USAGE = "orderflow preflight --stack <name>";

/** The AWS clients the checks use, in the stack's region. */
export interface PreflightClients {
  readonly sts: STSClient;
  readonly lambda: LambdaClient;
  readonly ec2: EC2Client;
  readonly sns: SNSClient;
}

export interface PreflightDeps {
  readonly io: CliIo;
  /** Runs `pulumi` and `docker`; a child process in the CLI, a fake in tests. */
  readonly runProgram: RunProgram;
  /** The folder holding Pulumi.yaml and the stack files. */
  readonly infraDir: string;
  readonly clients: (region: string) => PreflightClients;
  /** Where a default region (`AWS_REGION`, `AWS_DEFAULT_REGION`) may be set. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function defaultPreflightDeps(io: CliIo): PreflightDeps {
  return {
    io,
    runProgram,
    infraDir: pulumiProjectDir(),
    clients: (region) => ({
      sts: new STSClient({ region }),
      lambda: new LambdaClient({ region }),
      ec2: new EC2Client({ region }),
      sns: new SNSClient({ region }),
    }),
    env: process.env,
  };
}

export function parsePreflightArgs(args: readonly string[]): { stack: string } {
  const values = parseOptions(args, { stack: { type: "string" } }, PREFLIGHT_USAGE);
  if (!values.stack) throw new CliError(`--stack <name> is required; usage: ${PREFLIGHT_USAGE}`);
  return { stack: values.stack };
}

/** The stack file read and validated as `pulumi up` would; a failure lists every bad or missing key. */
function configCheck(stack: string, infraDir: string): { result: CheckResult; plan?: StackPlan } {
  try {
    const plan = readStackPlan(stack, infraDir);
    return { result: pass("config", `Pulumi.${stack}.yaml is valid (${plan.settings.tier} tier)`), plan };
  } catch (error) {
    if (error instanceof ConfigError) {
      const count = `${error.problems.length} problem(s) in Pulumi.${stack}.yaml`;
      return { result: fail("config", count, error.problems.join("\n")) };
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return {
        result: fail(
          "config",
          `no Pulumi.${stack}.yaml in ${infraDir}`,
          "use dev, staging or prod, or add the stack file",
        ),
      };
    }
    throw error;
  }
}

/** The checks that need AWS, in order; each later one is skipped when the credentials do not work. */
async function awsChecks(plan: StackPlan, deps: PreflightDeps): Promise<CheckResult[]> {
  const clients = deps.clients(plan.region);
  const credentials = await checkCredentials(plan, clients.sts, deps.env);
  if (credentials.account === undefined) {
    const needs = "needs working AWS credentials";
    return [
      credentials.result,
      skip("lambda-quota", needs),
      skip("network", needs),
      skip("alarm-subscription", needs),
    ];
  }
  const topicArn = await alarmTopicOf(plan.stack, deps);
  return [
    credentials.result,
    await checkLambdaQuota(plan, clients.lambda),
    await checkNetwork(plan, clients.ec2),
    await checkAlarmSubscription(plan, topicArn, clients.sns),
  ];
}

/** The deployed stack's alarm topic, or undefined before the first deploy (or without Pulumi). */
async function alarmTopicOf(stack: string, deps: PreflightDeps): Promise<string | undefined> {
  try {
    const outputs = await readStackOutputs(stack, deps.infraDir, deps.runProgram);
    return typeof outputs.alarmTopicArn === "string" ? outputs.alarmTopicArn : undefined;
  } catch {
    return undefined;
  }
}

/** Runs every check, prints the table and what to do; resolves to 0 when none failed, else 1. */
export async function preflightCommand(options: { stack: string }, deps: PreflightDeps): Promise<number> {
  const { result, plan } = configCheck(options.stack, deps.infraDir);
  const needsConfig = "needs a valid stack config";
  const aws = plan
    ? await awsChecks(plan, deps)
    : ["credentials", "lambda-quota", "network", "alarm-subscription"].map((check) =>
        skip(check, needsConfig),
      );
  const results = [
    result,
    ...aws,
    await checkImageBuilder(CONTAINER_TASKS, deps.runProgram, deps.infraDir),
    await checkPulumiVersion(pinnedPulumiVersion(deps.infraDir), deps.runProgram, deps.infraDir),
  ];
  writeReport(deps.io, options.stack, results);
  return results.some((r) => r.status === "fail") ? 1 : 0;
}

export const preflightSubcommand: Command = {
  name: "preflight",
  summary: "check what a first pulumi up needs: config, account, quotas, network, Docker, alarms, Pulumi CLI",
  usage: PREFLIGHT_USAGE,
  run: (args, { io }) => preflightCommand(parsePreflightArgs(args), defaultPreflightDeps(io)),
};
