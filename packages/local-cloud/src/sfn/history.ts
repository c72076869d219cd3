import type { EngineEvent, LocalExecution } from "@orderflow/local";
import type { TaskResourceInfo } from "./task-resources";

/** One event of `GetExecutionHistory`, as the AWS JSON protocol carries it (timestamp in epoch seconds). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface HistoryContext {
  readonly tasks: ReadonlyMap<string, TaskResourceInfo>;
  readonly region: string;
  readonly roleArn: string;
  /** @default true */
  readonly includeExecutionData?: boolean;
  /** What StopExecution was asked to record, for the ExecutionAborted event. */
  readonly stopped?: { readonly error?: string; readonly cause?: string } | undefined;
}

/** Errors Step Functions reports as a timed-out task rather than a failed one. */
const TIMEOUTS = new Set(["States.Timeout", "States.HeartbeatTimeout"]);

const causeText = (cause: unknown) => (typeof cause === "string" ? cause : JSON.stringify(cause ?? ""));

/** Builds the AWS history of one execution from the engine's events and the invocations it recorded. */
class HistoryWriter {
  readonly events: HistoryEvent[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly running = new Set<string>();

  constructor(
    private readonly execution: LocalExecution,
    private readonly context: HistoryContext,
  ) {}

  data(value: unknown, key: string, details: string): Record<string, unknown> {
    if (this.context.includeExecutionData === false) return { [details]: { truncated: false } };
    return { [key]: JSON.stringify(value ?? null), [details]: { truncated: false } };
  }

  push(type: string, at: number, details: Record<string, unknown> = {}): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: at / 1000, type, ...details });
  }

  /** The n-th invocation of a state, as the execution recorded it. */
  private invocation(state: string, attempt: number) {
    return this.execution.invocations.filter((i) => i.state === state)[attempt];
  }

  schedule(state: string, input: unknown, at: number): void {
    const task = this.context.tasks.get(state);
    if (!task) return;
    const attempt = this.attempts.get(state) ?? 0;
    this.attempts.set(state, attempt + 1);
    this.running.add(state);
    const parameters = this.invocation(state, attempt)?.parameters ?? input;
    const timers = { timeoutInSeconds: task.timeoutInSeconds, heartbeatInSeconds: task.heartbeatInSeconds };
    if (task.legacyLambda) {
      const data = this.data(parameters, "input", "inputDetails");
      this.push("LambdaFunctionScheduled", at, {
        lambdaFunctionScheduledEventDetails: { resource: task.resource, ...data, ...timers },
      });
      this.push("LambdaFunctionStarted", at);
      return;
    }
    const { resourceType, resource } = task;
    const data =
      this.context.includeExecutionData === false ? {} : { parameters: JSON.stringify(parameters) };
    this.push("TaskScheduled", at, {
      taskScheduledEventDetails: { resourceType, resource, region: this.context.region, ...data, ...timers },
    });
    this.push("TaskStarted", at, { taskStartedEventDetails: { resourceType, resource } });
  }

  settle(state: string, at: number, outcome: { output: unknown } | { error: string; cause: unknown }): void {
    const task = this.context.tasks.get(state);
    if (!task || !this.running.delete(state)) return;
    const failed = "error" in outcome;
    const prefix = task.legacyLambda ? "LambdaFunction" : "Task";
    const kind = failed ? (TIMEOUTS.has(outcome.error) ? "TimedOut" : "Failed") : "Succeeded";
    const field = `${prefix.charAt(0).toLowerCase()}${prefix.slice(1)}${kind}EventDetails`;
    const resource = task.legacyLambda ? {} : { resourceType: task.resourceType, resource: task.resource };
    const raw = this.invocation(state, (this.attempts.get(state) ?? 1) - 1)?.result;
    const details = failed
      ? { error: outcome.error, cause: causeText(outcome.cause) }
      : this.data(raw ?? outcome.output, "output", "outputDetails");
    this.push(`${prefix}${kind}`, at, { [field]: { ...resource, ...details } });
  }

  write(event: EngineEvent): void {
    const at = event.timestamp;
    switch (event.type) {
      case "ExecutionStarted":
        this.push("ExecutionStarted", at, {
          executionStartedEventDetails: {
            ...this.data(event.input, "input", "inputDetails"),
            roleArn: this.context.roleArn,
          },
        });
        break;
      case "StateEntered":
        this.push(`${event.state.type}StateEntered`, at, {
          stateEnteredEventDetails: {
            name: event.state.name,
            ...this.data(event.state.input, "input", "inputDetails"),
          },
        });
        this.schedule(event.state.name, event.state.input, at);
        break;
      case "StateRetried":
        this.schedule(event.state.name, event.state.input, at);
        break;
      case "StateFailed":
        this.settle(event.state.name, at, { error: event.Error, cause: event.Cause });
        break;
      case "StateExited":
        this.settle(event.state.name, at, { output: event.state.output });
        this.push(`${event.state.type}StateExited`, at, {
          stateExitedEventDetails: {
            name: event.state.name,
            ...this.data(event.state.output, "output", "outputDetails"),
          },
        });
        break;
      case "MapIterationStarted":
      case "MapIterationSucceeded":
      case "MapIterationFailed": {
        const field = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
        this.push(event.type, at, { [field]: { name: event.parentState.name, index: event.index } });
        break;
      }
      default:
        this.end(event);
    }
  }

  private end(event: EngineEvent): void {
    const at = event.timestamp;
    if (event.type === "ExecutionSucceeded") {
      this.push("ExecutionSucceeded", at, {
        executionSucceededEventDetails: this.data(event.output, "output", "outputDetails"),
      });
    } else if (event.type === "ExecutionFailed") {
      this.push("ExecutionFailed", at, {
        executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) },
      });
    } else if (event.type === "ExecutionAborted") {
      this.push("ExecutionAborted", at, { executionAbortedEventDetails: { ...this.context.stopped } });
    } else if (event.type === "ExecutionTimeout") {
      this.push("ExecutionTimedOut", at, {
        executionTimedOutEventDetails: {
          error: "States.Timeout",
          cause: "the execution exceeded its TimeoutSeconds",
        },
      });
    }
    // Parallel branch events and StateCaught: AWS's history has no event of their own.
  }
}

/**
 * The execution's history in AWS's event types and fields: `<Type>StateEntered/Exited` per state;
 * `TaskScheduled`, `TaskStarted` and `TaskSucceeded`/`TaskFailed`/`TaskTimedOut` per attempt of a
 * service integration (`LambdaFunction*` for a bare function ARN), with the resolved Parameters and the
 * raw service result; `Execution*` at both ends. Ids count from 1, each event following the previous one.
 */
export function historyOf(execution: LocalExecution, context: HistoryContext): HistoryEvent[] {
  const writer = new HistoryWriter(execution, context);
  for (const event of execution.events) writer.write(event);
  return writer.events;
}
