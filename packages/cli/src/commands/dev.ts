import { join, relative } from "node:path";
import {
  DEFAULT_PORT,
  defaultStateDir,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from "@orderflow/local-cloud";
import { CliError, type CliIo, type Command } from "./command";
import { parseOptions } from "./parse-options";

const USAGE = "orderflow dev [--port <n>] [--persist] [--no-watch] [--log-level <level>]";

/** The port from `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string | undefined, usage: string): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port ${value} is not a port number (0-65535; 0 picks a free one); usage: ${usage}`);
  }
  return port;
}

function banner(cloud: LocalCloud, options: LocalCloudOptions, seconds: number): string {
  const { url } = cloud;
  const kept = join(options.stateDir ?? "", "dynamodb");
  const shown = kept.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), kept) : kept;
  const tables = options.persist ? `kept in ${shown}` : "in memory";
  return [
    `orderflow local cloud ready in ${seconds.toFixed(1)} s on ${url}`,
    `  console         ${url}/`,
    `  orders API      ${url}/orders        (a token: pnpm orderflow token --sub cus_ana${cloud.port === DEFAULT_PORT ? "" : ` --port ${cloud.port}`})`,
    `  Step Functions  ${url}                (aws stepfunctions list-state-machines --endpoint-url ${url})`,
    `  JWT issuer      ${cloud.issuer.issuer}  (keys at ${url}/issuer/.well-known/jwks.json)`,
    `  SES v2          ${url}/v2/email/outbound-emails (mails show in the console)`,
    `  DynamoDB Local  ${cloud.runtime.endpoint} (tables ${tables})`,
    options.watch ? "watching the functions' code; Ctrl-C stops everything" : "Ctrl-C stops everything",
  ].join("\n");
}

/** Resolves with the signal that asked the process to stop. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Starts the local cloud, reports what it serves, and stops every part of it on SIGINT or SIGTERM. */
export async function runLocalCloud(
  options: LocalCloudOptions,
  io: CliIo,
  until = stopSignal(),
): Promise<number> {
  io.stderr.write("starting DynamoDB Local, the workflow and the local cloud…\n");
  const cloud = await startLocalCloud({ ...options, log: (line) => io.stderr.write(`${line}\n`) });
  io.stdout.write(`${banner(cloud, options, process.uptime())}\n`);
  const signal = await until;
  io.stderr.write(`${signal}: stopping…\n`);
  await cloud.stop();
  io.stderr.write("stopped\n");
  return 0;
}

/** `orderflow dev` (`./dev up`): the whole system on localhost until Ctrl-C. */
export const devCommand: Command = {
  name: "dev",
  summary: "the whole system on localhost: orders API, Step Functions endpoint, console, mail (./dev up)",
  usage: USAGE,
  run(args, { io }) {
    const values = parseOptions(
      args,
      {
        port: { type: "string" },
        persist: { type: "boolean", default: false },
        "no-watch": { type: "boolean", default: false },
        "log-level": { type: "string" },
      },
      USAGE,
    );
    const options: LocalCloudOptions = {
      port: parsePort(values.port, USAGE),
      persist: values.persist,
      watch: !values["no-watch"],
      stateDir: defaultStateDir(),
      ...(values["log-level"] && { handlerLogLevel: values["log-level"].toUpperCase() }),
    };
    return runLocalCloud(options, io);
  },
};
