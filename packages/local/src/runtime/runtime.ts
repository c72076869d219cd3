import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TaskManifest } from "@orderflow/domain";
import {
  createTables,
  type DynamoDbLocal,
  LOCAL_AWS_ENV,
  seedInventory,
  startDynamoDbLocal,
  type TableNames,
} from "@orderflow/dynamodb-local";
import {
  dynamoReconcilerOrders,
  type ReconcileOptions,
  type ReconcileReport,
  reconcile,
} from "@orderflow/reconciler";
import type { AslDefinition } from "@orderflow/workflow/asl";
import { checkInvariants, type Violation } from "../invariants/check";
import { readFacts } from "../invariants/read-facts";
import { StockBook } from "../invariants/stock-book";
import type { StateAdapter } from "./adapter";
import { DEMO_STOCK, inventoryRows, type Stock } from "./catalog";
import { dynamoDbAdapter } from "./dynamodb-adapter";
import { ecsTaskTokenAdapter } from "./ecs-adapter";
import { localEngine } from "./engine";
import { LocalEventLog } from "./event-log";
import { eventsAdapter } from "./events-adapter";
import {
  type ExecutionReport,
  type ExecutionRunner,
  executionRunner,
  type LocalExecution,
} from "./execution";
import type { FaultPlan } from "./fault-plan";
import { parseFaultPlan } from "./fault-plan";
import { applyHandlerEnv } from "./handler-env";
import type { TaskState } from "./integrations";
import { lambdaAdapter } from "./lambda-adapter";
import { type Ledger, readLedger, skusOf } from "./ledger";
import { localDefinition } from "./local-definition";
import { localExecutions } from "./local-executions";
import { LOCAL_EVENT_BUS, LOCAL_TABLE_PREFIX } from "./local-refs";
import { OutboxPipe } from "./outbox-pipe";
import { StateMachineRegistry } from "./state-machines";
import { loadTaskCode, type TaskCode } from "./task-modules";
import { type TaskTokenClient, TaskTokens } from "./task-tokens";

export interface LocalRuntimeOptions {
  /**
   * A running DynamoDB Local to use (e.g. the one a test run started); the runtime leaves it running.
   * @default a DynamoDB Local started for this runtime and stopped by `stop()`
   */
  readonly endpoint?: string;
  /** Prefix of the physical table names. @default "orderflow-local-" */
  readonly tablePrefix?: string;
  /** Catalog and stock to seed. @default DEMO_STOCK */
  readonly stock?: Stock;
  /** What every retrier waits locally instead of its backoff, in milliseconds. @default 0 */
  readonly retryWaitMs?: number;
  /** Powertools log level of the in-process handlers (they log to stdout). @default "SILENT" */
  readonly handlerLogLevel?: string;
  /**
   * The task manifests the definition is built from; a manifest's `kind` switches its state between
   * Lambda and container, as it does for infra. @default WORKFLOW_TASKS
   */
  readonly tasks?: readonly TaskManifest[];
  /**
   * Code serving some states instead of their package's `handler`/`container` module, keyed by state
   * name (e.g. a container entry before its package ships one). @default {}
   */
  readonly taskCode?: Readonly<Record<string, TaskCode>>;
}

export interface StartOptions {
  /** A fault plan (validated against the definition's Task states). @default {} */
  readonly faults?: unknown;
}

/** The workflow running on this machine: DynamoDB Local, the real definition and the real task code. */
export interface LocalRuntime {
  readonly definition: AslDefinition;
  readonly tables: TableNames;
  readonly endpoint: string;
  readonly events: LocalEventLog;
  /** Every Task state of the definition with how it is served locally. */
  readonly taskStates: readonly TaskState[];
  /** The state names a fault plan may use: every Task state of the definition. */
  readonly faultableStates: readonly string[];
  /** State machines besides the order workflow, on the same tables, functions and bus. */
  readonly machines: StateMachineRegistry;
  /** Where a task-token worker reports (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat commands). */
  readonly taskTokens: TaskTokenClient;
  readonly clients: { readonly dynamodb: DynamoDBClient; readonly documents: DynamoDBDocumentClient };
  /**
   * Starts the order's execution (named by its order id, assigned when missing) after storing the order
   * as PENDING, and resolves when it ends. Starting an order id again returns that same execution, as a
   * Standard workflow does; a different input under the same id is refused (ExecutionAlreadyExists).
   */
  start(order: unknown, options?: StartOptions): Promise<ExecutionReport>;
  /** Starts the order's execution like `start`, but returns it while it runs. */
  begin(order: unknown, options?: StartOptions): Promise<LocalExecution>;
  /** Every execution this runtime started, oldest first. */
  executions(): readonly LocalExecution[];
  /** The order's ledger; `skus` default to the SKUs the order named. */
  ledger(orderId: string, skus?: readonly string[]): Promise<Ledger>;
  /** Puts stock rows (replacing rows of the same SKUs). */
  seedStock(stock: Stock): Promise<void>;
  /** Checks a fault plan against this definition. */
  parseFaults(plan: unknown): FaultPlan;
  /** The saga invariants an ended execution breaks (see `checkInvariants`); empty when all hold. */
  violations(report: ExecutionReport): Promise<Violation[]>;
  /**
   * One pass of the reconciler over this runtime's orders: those PENDING for longer than the age whose
   * execution ended get their outcome recorded (and its event published). Runtimes that share tables pass
   * every one's executions, so that no runtime takes another's order for one never started.
   * @param executions @default this runtime's executions
   */
  reconcile(
    options: ReconcileOptions,
    executions?: () => readonly LocalExecution[],
  ): Promise<ReconcileReport>;
  stop(): Promise<void>;
}

/** How a Task state is served; `task` is the code of the function or container it runs, if any. */
function adapterFor(
  state: TaskState,
  task: TaskCode | undefined,
  deps: { client: DynamoDBClient; events: LocalEventLog; tokens: TaskTokens },
): StateAdapter {
  switch (state.integration) {
    case "dynamodb":
      return dynamoDbAdapter(state, deps.client);
    case "events":
      return eventsAdapter(deps.events, LOCAL_EVENT_BUS);
    case "lambda":
    case "ecs": {
      if (state.integration === "lambda" && task?.kind === "lambda")
        return lambdaAdapter(state, task.handler);
      if (state.integration === "ecs" && task?.kind === "container") {
        return ecsTaskTokenAdapter(state, task.entry, deps.tokens);
      }
      throw new Error(
        `state ${state.name} (${state.resource}) has no ${state.integration === "lambda" ? "lambda" : "container"} task manifest with that stateName in WORKFLOW_TASKS`,
      );
    }
  }
}

/**
 * Starts the local runtime: builds the definition with local references and the engine (which validates
 * it) first, so a broken definition fails before anything starts; then DynamoDB Local, the tables, the
 * catalog, the handlers' environment, and only then imports the task code.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const { tablePrefix = LOCAL_TABLE_PREFIX, stock = DEMO_STOCK, retryWaitMs = 0 } = options;
  const local = localDefinition(tablePrefix, options.tasks);
  const machine = localEngine(local.definition);

  // Without an endpoint this is a one-off run (`orderflow run`, the demo): a JVM set up to start quickly.
  const server: DynamoDbLocal | undefined = options.endpoint
    ? undefined
    : await startDynamoDbLocal({ quickStart: true });
  const endpoint = options.endpoint ?? (server as DynamoDbLocal).endpoint;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: {
      accessKeyId: LOCAL_AWS_ENV.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_AWS_ENV.AWS_SECRET_ACCESS_KEY,
    },
  });
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const tables = await createTables(client, tablePrefix);
    await seedInventory(client, tables.inventory, inventoryRows(stock));
    const book = new StockBook();
    book.seed(stock, 0);
    applyHandlerEnv({
      endpoint,
      tables,
      eventBusName: LOCAL_EVENT_BUS,
      manifests: local.manifests,
      logLevel: options.handlerLogLevel ?? "SILENT",
    });
    const code = await loadTaskCode(local.manifests, JSON.stringify({ endpoint, tables }), options.taskCode);
    const events = new LocalEventLog();
    const pipe = new OutboxPipe(client, {
      endpoint,
      tableName: tables.orders,
      busName: LOCAL_EVENT_BUS,
      log: events,
    });
    const tokens = new TaskTokens();
    const adapters = new Map(
      local.taskStates.map(
        (s) => [s.name, adapterFor(s, code.get(s.name), { client, events, tokens })] as const,
      ),
    );
    const faultableStates = local.taskStates.map((s) => s.name);
    const machines = new StateMachineRegistry({
      project: { manifests: local.manifests, tables, eventBusName: LOCAL_EVENT_BUS },
      adapterFor: (state, task) => adapterFor(state, task, { client, events, tokens }),
      codeOf: (stateName) => code.get(stateName),
      tokens,
      retryWaitMs,
      afterEnd: () => pipe.drain(),
    });
    const runner: ExecutionRunner = executionRunner({
      machine,
      taskStates: local.taskStates,
      adapters,
      tokens,
      manifests: local.manifests,
      retryWaitMs,
      storeOrder: { documents, tableName: tables.orders },
      parseFaults: (plan) => parseFaultPlan(plan, faultableStates),
      afterEnd: () => pipe.drain(),
    });
    return {
      definition: local.definition,
      tables,
      endpoint,
      events,
      taskStates: local.taskStates,
      faultableStates,
      machines,
      taskTokens: tokens.client,
      clients: { dynamodb: client, documents },
      start: (order, startOptions) => runner.start(order, startOptions?.faults),
      begin: (order, startOptions) => runner.begin(order, startOptions?.faults),
      executions: () => runner.executions(),
      ledger: async (orderId, skus) =>
        readLedger({ client, documents, tables, events }, orderId, skus ?? skusOf(runner.inputOf(orderId))),
      async seedStock(more) {
        await seedInventory(client, tables.inventory, inventoryRows(more));
        book.seed(more, runner.executions().length);
      },
      async violations(report) {
        const sources = {
          client,
          documents,
          tables,
          events,
          compensationOf: compensationsOf(local.manifests),
          stock: book,
          executions: () => runner.executions(),
        };
        return checkInvariants(await readFacts(sources, report));
      },
      async reconcile(reconcileOptions, executions = () => runner.executions()) {
        const report = await reconcile(reconcileOptions, {
          orders: dynamoReconcilerOrders(client, documents, tables.orders),
          executions: localExecutions(executions),
          now: () => new Date(),
        });
        await pipe.drain();
        return report;
      },
      parseFaults: (plan) => parseFaultPlan(plan, faultableStates),
      async stop() {
        pipe.stop();
        client.destroy();
        await server?.stop();
      },
    };
  } catch (error) {
    client.destroy();
    await server?.stop();
    throw error;
  }
}

/** Compensation state → the state it undoes, from the manifests' `compensates`. */
function compensationsOf(manifests: readonly TaskManifest[]): Map<string, string> {
  return new Map(manifests.flatMap((m) => (m.compensates ? [[m.stateName, m.compensates] as const] : [])));
}
