import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TaskManifest } from "@orderflow/domain";
import type { StateMachine } from "aws-local-stepfunctions";
import { type ExecutionScope, overTheWire, type StateAdapter } from "./adapter";
import { invokeWithFault } from "./fault-injection";
import { type FaultOutcome, type FaultPlan, FaultSchedule } from "./fault-plan";
import type { TaskState } from "./integrations";
import { LateInvocations } from "./late-invocations";
import { LOCAL_NAME, LOCAL_STATE_MACHINE_ARN, localExecutionArn } from "./local-refs";
import { canonicalJson, putPendingOrder, withOrderId } from "./orders";
import type { TaskTokens } from "./task-tokens";
import { type EngineEvent, type ExecutionTrace, traceOf } from "./trace";

/** One injected outcome: which state's invocation got which. */
export interface AppliedFault {
  readonly state: string;
  readonly outcome: FaultOutcome;
}

/** One finished execution: its trace plus which order and input it ran, and the faults it met. */
export interface ExecutionReport extends ExecutionTrace {
  readonly orderId: string;
  readonly executionArn: string;
  readonly input: Record<string, unknown>;
  /** Every invocation's planned outcome other than `ok`, in the order they happened. */
  readonly faults: readonly AppliedFault[];
}

/** An execution as it runs: its events so far, and its report once it has ended. */
export interface LocalExecution {
  readonly executionArn: string;
  /** The execution name: the order id for the order workflow. */
  readonly name: string;
  readonly stateMachineArn: string;
  /** The order id: the execution name, unless the input of another state machine names its own. */
  readonly orderId: string;
  readonly input: Record<string, unknown>;
  readonly startDate: Date;
  /** The engine's events so far, in order; grows while the execution runs. */
  readonly events: readonly EngineEvent[];
  /** Every invocation of a Task state so far (retries included), in order: what it sent and got. */
  readonly invocations: readonly Invocation[];
  /** Resolves when the execution has ended and every late invocation of it has too. */
  readonly report: Promise<ExecutionReport>;
  /** The report once it is there, undefined while the execution runs. */
  ended(): ExecutionReport | undefined;
  /** Stops the execution (`ExecutionAborted`); a stopped execution still reports. */
  stop(): void;
}

/**
 * One invocation of a Task state as the engine made it (AWS history's TaskScheduled): its resource, its
 * resolved Parameters as they went over the wire, the outcome the fault plan gave it and, once it
 * answered, the service's result.
 */
export interface Invocation {
  readonly state: string;
  readonly resource: string;
  readonly parameters: unknown;
  readonly outcome: FaultOutcome;
  result?: unknown;
}

/** Starting an execution name again with another input, as Step Functions refuses it. */
export class ExecutionAlreadyExists extends Error {
  override readonly name = "ExecutionAlreadyExists";
}

/** What runs the executions of one state machine: its engine, how each Task state is served, its identity. */
export interface MachineSetup {
  readonly machine: StateMachine;
  readonly taskStates: readonly TaskState[];
  readonly adapters: ReadonlyMap<string, StateAdapter>;
  readonly tokens: TaskTokens;
  /** Compensation state → the state it undoes, for the trace. */
  readonly compensationOf: ReadonlyMap<string, string>;
  readonly retryWaitMs: number;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /**
   * Runs after an execution and its late invocations ended, before it is reported: the outbox's pipe, so
   * a report's events are in the event log when the report is.
   * @default nothing
   */
  readonly afterEnd?: () => Promise<void>;
}

export interface ExecutionRunnerOptions
  extends Omit<MachineSetup, "compensationOf" | "stateMachineArn" | "stateMachineName"> {
  readonly manifests: readonly TaskManifest[];
  readonly storeOrder: { readonly documents: DynamoDBDocumentClient; readonly tableName: string };
  readonly parseFaults: (plan: unknown) => FaultPlan;
}

export interface ExecutionRunner {
  /** Starts an execution and returns it while it runs; a repeat of one order returns the same one. */
  begin(order: unknown, faults?: unknown): Promise<LocalExecution>;
  /** Starts an execution and resolves with its report once it has ended. */
  start(order: unknown, faults?: unknown): Promise<ExecutionReport>;
  /** Every execution started so far, oldest first. */
  executions(): readonly LocalExecution[];
  /** The input an order's execution was started with. */
  inputOf(orderId: string): unknown;
}

interface Started {
  readonly canonical: string;
  readonly execution: LocalExecution;
}

/** One execution to launch: its ARN and name, its input, the faults it meets. */
export interface Launch {
  readonly executionArn: string;
  readonly name: string;
  readonly orderId: string;
  readonly input: Record<string, unknown>;
  readonly plan: FaultPlan;
}

/**
 * Starts one execution on a machine's engine with its adapters, fault schedule and task tokens, and returns
 * it while it runs. Shared by the order workflow and every other state machine the runtime runs.
 */
export function launchExecution(setup: MachineSetup, launch: Launch): LocalExecution {
  const { executionArn, input } = launch;
  const faults = new FaultSchedule(launch.plan);
  const applied: AppliedFault[] = [];
  const late = new LateInvocations();
  const events: EngineEvent[] = [];
  const invocations: Invocation[] = [];
  const issued: IssuedToken = {};
  const execution = { executionArn, faults, applied, late, issued, invocations };
  const run = setup.machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: handlersFor(setup, execution) as never,
      // Locally every retrier waits the same short time; the definition's backoff stays as written.
      retryIntervalOverrides: Object.fromEntries(setup.taskStates.map((s) => [s.name, setup.retryWaitMs])),
    },
    context: contextFor(setup, launch, issued),
    noThrowOnAbort: true,
  });
  const began = performance.now();
  let ended: ExecutionReport | undefined;
  const report = (async (): Promise<ExecutionReport> => {
    for await (const event of run.eventLogs) {
      events.push(event);
      late.observe(event);
    }
    // The outcome is read from the event log; the rejected result only repeats it.
    await run.result.catch(() => undefined);
    await late.drain();
    await setup.afterEnd?.();
    const durationMs = Math.round((performance.now() - began) * 100) / 100;
    const trace = traceOf(events, setup.compensationOf);
    ended = { ...trace, durationMs, orderId: launch.orderId, executionArn, input, faults: applied };
    return ended;
  })();
  return {
    executionArn,
    name: launch.name,
    stateMachineArn: setup.stateMachineArn,
    orderId: launch.orderId,
    input,
    startDate: new Date(),
    events,
    invocations,
    report,
    ended: () => ended,
    stop: () => run.abort(),
  };
}

/** Runs executions on the engine with the local adapters, fault schedules and task tokens. */
export function executionRunner(options: ExecutionRunnerOptions): ExecutionRunner {
  const setup: MachineSetup = {
    ...options,
    compensationOf: new Map(
      options.manifests.flatMap((m) => (m.compensates ? [[m.stateName, m.compensates] as const] : [])),
    ),
    stateMachineArn: LOCAL_STATE_MACHINE_ARN,
    stateMachineName: LOCAL_NAME,
  };
  const started = new Map<string, Started>();

  const launch = (input: Record<string, unknown> & { orderId: string }, plan: FaultPlan) =>
    launchExecution(setup, {
      executionArn: localExecutionArn(input.orderId),
      name: input.orderId,
      orderId: input.orderId,
      input,
      plan,
    });

  async function begin(order: unknown, faults?: unknown): Promise<LocalExecution> {
    const input = withOrderId(order);
    const canonical = canonicalJson(input);
    const existing = started.get(input.orderId);
    if (existing) {
      if (existing.canonical === canonical) return existing.execution;
      throw new ExecutionAlreadyExists(
        `order ${input.orderId} already has an execution with another input; use a new orderId`,
      );
    }
    const plan = options.parseFaults(faults ?? {});
    await putPendingOrder(options.storeOrder.documents, options.storeOrder.tableName, input);
    // Checked again: another start of the same order may have got here first while the order was stored.
    const raced = started.get(input.orderId);
    if (raced) return raced.canonical === canonical ? raced.execution : begin(order, faults);
    const execution = launch(input, plan);
    started.set(input.orderId, { canonical, execution });
    return execution;
  }

  return {
    begin,
    start: async (order, faults) => (await begin(order, faults)).report,
    executions: () => [...started.values()].map((s) => s.execution),
    inputOf: (orderId) => started.get(orderId)?.execution.input,
  };
}

/** The task token the state being started read from its context, until its handler takes it. */
interface IssuedToken {
  token?: string | undefined;
}

interface ExecutionFaults {
  readonly executionArn: string;
  readonly faults: FaultSchedule;
  readonly applied: AppliedFault[];
  readonly late: LateInvocations;
  readonly issued: IssuedToken;
  readonly invocations: Invocation[];
}

/** The engine's handler per Task state: the state's adapter behind this execution's fault schedule. */
function handlersFor(setup: MachineSetup, execution: ExecutionFaults) {
  const { taskStates, adapters, tokens, stateMachineArn } = setup;
  const { executionArn, faults, applied, late, issued, invocations } = execution;
  return Object.fromEntries(
    taskStates.map((state) => {
      const adapter = adapters.get(state.name) as StateAdapter;
      const serve = async (parameters: unknown) => {
        // The engine resolves a state's Parameters right before calling its handler, so the token issued
        // last in this execution is the one this invocation passes on.
        const token = issued.token;
        issued.token = undefined;
        const scope: ExecutionScope = {
          executionArn,
          stateMachineArn,
          currentTaskToken: () => token,
        };
        const outcome = faults.next(state.name);
        if (outcome !== "ok") applied.push({ state: state.name, outcome });
        const invocation: Invocation = {
          state: state.name,
          resource: state.resource,
          parameters: overTheWire(parameters),
          outcome,
        };
        invocations.push(invocation);
        try {
          invocation.result = await invokeWithFault(outcome, { state, adapter, parameters, scope, late });
          return invocation.result;
        } finally {
          if (token) tokens.release(token);
        }
      };
      return [state.name, serve];
    }),
  );
}

function contextFor(setup: MachineSetup, launch: Launch, issued: IssuedToken) {
  const { tokens } = setup;
  return {
    Execution: { Id: launch.executionArn, Name: launch.name },
    StateMachine: { Id: setup.stateMachineArn, Name: setup.stateMachineName },
    Task: {
      get Token() {
        issued.token = tokens.issue();
        return issued.token;
      },
    },
    State: {
      get EnteredTime() {
        return new Date().toISOString();
      },
    },
  };
}
