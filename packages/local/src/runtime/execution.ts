import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TaskManifest } from "@orderflow/domain";
import type { StateMachine } from "aws-local-stepfunctions";
import type { ExecutionScope, StateAdapter } from "./adapter";
import { type FaultPlan, FaultSchedule } from "./fault-plan";
import type { TaskState } from "./integrations";
import { LOCAL_NAME, LOCAL_STATE_MACHINE_ARN, localExecutionArn } from "./local-refs";
import { canonicalJson, putPendingOrder, withOrderId } from "./orders";
import { injectedFailure } from "./task-failure";
import type { TaskTokens } from "./task-tokens";
import { type EngineEvent, type ExecutionTrace, traceOf } from "./trace";

/** One finished execution: its trace plus which order and input it ran. */
export interface ExecutionReport extends ExecutionTrace {
  readonly orderId: string;
  readonly executionArn: string;
  readonly input: Record<string, unknown>;
}

/** Starting an execution name again with another input, as Step Functions refuses it. */
export class ExecutionAlreadyExists extends Error {
  override readonly name = "ExecutionAlreadyExists";
}

export interface ExecutionRunnerOptions {
  readonly machine: StateMachine;
  readonly taskStates: readonly TaskState[];
  readonly adapters: ReadonlyMap<string, StateAdapter>;
  readonly tokens: TaskTokens;
  readonly manifests: readonly TaskManifest[];
  readonly retryWaitMs: number;
  readonly storeOrder: { readonly documents: DynamoDBDocumentClient; readonly tableName: string };
  readonly parseFaults: (plan: unknown) => FaultPlan;
}

export interface ExecutionRunner {
  start(order: unknown, faults?: unknown): Promise<ExecutionReport>;
  /** The input an order's execution was started with. */
  inputOf(orderId: string): unknown;
}

interface Started {
  readonly input: Record<string, unknown>;
  readonly canonical: string;
  readonly report: Promise<ExecutionReport>;
}

/** Runs executions on the engine with the local adapters, fault schedules and task tokens. */
export function executionRunner(options: ExecutionRunnerOptions): ExecutionRunner {
  const { machine, taskStates, adapters, tokens } = options;
  const compensationOf = new Map(
    options.manifests.flatMap((m) => (m.compensates ? [[m.stateName, m.compensates] as const] : [])),
  );
  // Locally every retrier waits the same short time; the definition's backoff stays as written.
  const retryIntervalOverrides = Object.fromEntries(taskStates.map((s) => [s.name, options.retryWaitMs]));
  const started = new Map<string, Started>();

  async function execute(input: Record<string, unknown> & { orderId: string }, plan: FaultPlan) {
    const faults = new FaultSchedule(plan);
    const executionArn = localExecutionArn(input.orderId);
    let taskToken: string | undefined;
    const scope: ExecutionScope = {
      executionArn,
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      currentTaskToken: () => taskToken,
    };
    const handlers = Object.fromEntries(
      taskStates.map((state) => {
        const adapter = adapters.get(state.name) as StateAdapter;
        const serve = async (parameters: unknown) => {
          try {
            const outcome = faults.next(state.name);
            if (outcome !== "ok") throw injectedFailure(state, outcome);
            return await adapter(parameters, scope);
          } finally {
            if (taskToken) tokens.release(taskToken);
            taskToken = undefined;
          }
        };
        return [state.name, serve];
      }),
    );
    const context = {
      Execution: { Id: executionArn, Name: input.orderId },
      StateMachine: { Id: LOCAL_STATE_MACHINE_ARN, Name: LOCAL_NAME },
      // The engine resolves a state's Parameters right before calling its handler, so the token read
      // here is the one the state being started passes on.
      Task: {
        get Token() {
          taskToken = tokens.issue();
          return taskToken;
        },
      },
      State: {
        get EnteredTime() {
          return new Date().toISOString();
        },
      },
    };
    await putPendingOrder(options.storeOrder.documents, options.storeOrder.tableName, input);
    const began = performance.now();
    const run = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides },
      context,
    });
    const events: EngineEvent[] = [];
    const collected = (async () => {
      for await (const event of run.eventLogs) events.push(event);
    })();
    // The outcome is read from the event log; the rejected result only repeats it.
    await run.result.catch(() => undefined);
    await collected;
    const durationMs = Math.round((performance.now() - began) * 100) / 100;
    return { ...traceOf(events, compensationOf), durationMs, orderId: input.orderId, executionArn, input };
  }

  return {
    start(order, faults) {
      try {
        const input = withOrderId(order);
        const canonical = canonicalJson(input);
        const existing = started.get(input.orderId);
        if (existing) {
          if (existing.canonical !== canonical) {
            throw new ExecutionAlreadyExists(
              `order ${input.orderId} already has an execution with another input; use a new orderId`,
            );
          }
          return existing.report;
        }
        const plan = options.parseFaults(faults ?? {});
        const report = execute(input, plan);
        started.set(input.orderId, { input, canonical, report });
        // An execution that could not run at all (e.g. the order could not be stored) may be started again.
        report.catch(() => started.delete(input.orderId));
        return report;
      } catch (error) {
        return Promise.reject(error);
      }
    },
    inputOf: (orderId) => started.get(orderId)?.input,
  };
}
