import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { apiFunction } from "@orderflow/api/function";
import { type DynamoDbLocal, readInventory, startDynamoDbLocal } from "@orderflow/dynamodb-local";
import {
  applyManifestDefaults,
  DEMO_STOCK,
  LOCAL_STATE_MACHINE_ARN,
  type LocalRuntime,
  localDefinition,
  startLocalRuntime,
} from "@orderflow/local";
import { NOTIFY_RULE_PATTERN, task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { type DevIssuer, loadDevIssuer, localIssuer } from "./api/dev-issuer";
import { ChangeFeed } from "./changes";
import { type FunctionCode, importedOnce } from "./code/function-code";
import { reloadingCode } from "./code/reloading-code";
import { sendJson } from "./http";
import { Mailbox } from "./notify/mailbox";
import { LocalRule } from "./notify/rule";
import { router } from "./router";
import { sfnOperations } from "./sfn/operations";
import { LocalStepFunctions } from "./sfn/step-functions";
import { defaultStateDir } from "./state-dir";

/** Where `orderflow dev` listens unless told otherwise. */
export const DEFAULT_PORT = 4600;

export interface LocalCloudOptions {
  /** Loopback port; 0 picks a free one. @default DEFAULT_PORT */
  readonly port?: number;
  /** Keep the tables in `<stateDir>/dynamodb` across restarts. @default false (in memory) */
  readonly persist?: boolean;
  /** The development issuer's key and persisted tables live here. @default `.orderflow/` at the workspace root */
  readonly stateDir?: string;
  /** Reload the functions' code when their sources change. @default false */
  readonly watch?: boolean;
  /** A running DynamoDB Local to use instead of starting one (tests share theirs). @default none */
  readonly dynamoDbEndpoint?: string;
  /** @default "orderflow-local-" */
  readonly tablePrefix?: string;
  /** Powertools log level of the functions. @default "WARN" */
  readonly handlerLogLevel?: string;
  /** From address of the customer's mails. @default "orders@orderflow.localhost" */
  readonly mailFrom?: string;
  /** Where the server reports reloads and failures of its own. @default stderr */
  readonly log?: (line: string) => void;
}

/** The whole system on one loopback port (see `router`). */
export interface LocalCloud {
  readonly url: string;
  readonly port: number;
  readonly runtime: LocalRuntime;
  readonly sfn: LocalStepFunctions;
  readonly issuer: DevIssuer;
  readonly mailbox: Mailbox;
  readonly rule: LocalRule;
  /** Closes the port, stops watching, the runtime and the DynamoDB Local it started. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Persisted tables keep their stock (seeding would reset it under open reservations); new ones get the demo's. */
async function seedUnlessStocked(runtime: LocalRuntime): Promise<void> {
  const rows = await readInventory(
    runtime.clients.dynamodb,
    runtime.tables.inventory,
    Object.keys(DEMO_STOCK),
  );
  if (rows.length === 0) await runtime.seedStock(DEMO_STOCK);
}

/** The DynamoDB Local to use: the one given, or one started here (quick to start, persisted on request). */
async function database(
  options: LocalCloudOptions,
  stateDir: string,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  if (options.dynamoDbEndpoint) return { endpoint: options.dynamoDbEndpoint, stop: async () => undefined };
  const db: DynamoDbLocal = await startDynamoDbLocal({
    quickStart: true,
    ...(options.persist && { dbPath: join(stateDir, "dynamodb") }),
  });
  return db;
}

/**
 * Starts the local cloud: DynamoDB Local (the slowest part) at once, meanwhile the port (so its URL is known
 * to the functions that call back into it) and the issuer; then the runtime, the functions' environment
 * and code, the notify rule on the runtime's bus. Requests before that answer 503. Fails with everything
 * started so far stopped again.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const stateDir = options.stateDir ?? defaultStateDir();
  const tablePrefix = options.tablePrefix ?? "orderflow-local-";
  let handle: ReturnType<typeof router> | undefined;
  const server = createServer((request, response) => {
    if (handle) void handle(request, response);
    else sendJson(response, 503, { message: "the local cloud is starting; retry in a moment" });
  });
  const starting = database(options, stateDir);
  const cleanups: (() => Promise<void> | void)[] = [
    () => closeServer(server),
    async () => (await starting.catch(() => undefined))?.stop(),
  ];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const port = await listen(server, options.port ?? DEFAULT_PORT);
    const url = `http://127.0.0.1:${port}`;
    const issuer = await loadDevIssuer(stateDir, localIssuer(url));
    const { endpoint } = await starting;
    const reloading = options.watch ? reloadingCode(localDefinition(tablePrefix).manifests) : undefined;
    const code: FunctionCode = reloading ?? importedOnce();
    const runtime = await startLocalRuntime({
      endpoint,
      tablePrefix,
      stock: options.persist ? {} : DEMO_STOCK,
      handlerLogLevel: options.handlerLogLevel ?? "WARN",
      ...(code.taskCode && { taskCode: code.taskCode }),
    });
    cleanups.push(() => runtime.stop());
    if (options.persist) await seedUnlessStocked(runtime);
    functionEnvironment(url, options.mailFrom);
    await code.load();
    const parts = assemble(runtime, issuer, code);
    cleanups.push(parts.stop);
    if (reloading) cleanups.push(reloading.watch(log));
    handle = router({
      baseUrl: url,
      issuer,
      api: code.api,
      log,
      sfnOperations: sfnOperations(parts.sfn, runtime),
      ...parts,
    });
    return { url, port, runtime, issuer, sfn: parts.sfn, mailbox: parts.mailbox, rule: parts.rule, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What the API and notify-customer functions read at import, as infra would set it: the workflow to
 * start and the sender, and their SDK clients pointed at this server (Step Functions, SES v2).
 */
function functionEnvironment(url: string, mailFrom: string | undefined): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SFN: url,
    AWS_ENDPOINT_URL_SESV2: url,
    STATE_MACHINE_ARN: LOCAL_STATE_MACHINE_ARN,
    MAIL_FROM: mailFrom ?? process.env.MAIL_FROM ?? "orders@orderflow.localhost",
  });
  applyManifestDefaults([apiFunction, notifyFunction]);
}

/** The parts over the runtime: Step Functions, the mailbox, the notify rule on the bus, the change feed. */
function assemble(runtime: LocalRuntime, issuer: DevIssuer, code: FunctionCode) {
  let nextFaults: unknown = {};
  const faults = {
    get: () => nextFaults,
    set: (plan: unknown) => {
      nextFaults = plan;
    },
  };
  const sfn = new LocalStepFunctions(runtime, () => {
    const plan = nextFaults;
    nextFaults = {};
    return plan;
  });
  const mailbox = new Mailbox();
  const rule = new LocalRule(NOTIFY_RULE_PATTERN, code.notify, (delivery) => {
    const result = delivery.result as { messageId?: unknown } | undefined;
    if (typeof result?.messageId === "string" && delivery.orderId)
      mailbox.attribute(result.messageId, delivery.orderId);
  });
  const unsubscribe = runtime.events.subscribe((event) => rule.receive(event));
  const changes = new ChangeFeed(() => {
    const events = sfn.executions().reduce((n, e) => n + e.events.length, 0);
    return `${sfn.executions().length}.${events}.${mailbox.all().length}.${rule.deadLetters.length}`;
  });
  const stop = async () => {
    unsubscribe();
    changes.close();
    await rule.idle();
  };
  return { sfn, mailbox, rule, changes, console: { runtime, sfn, mailbox, rule, issuer, faults }, stop };
}
