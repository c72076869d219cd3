import type { StateMachine } from "aws-local-stepfunctions";

/** One entry of aws-local-stepfunctions' execution event log. */
export type EngineEvent =
  ReturnType<StateMachine["run"]>["eventLogs"] extends AsyncGenerator<infer E> ? E : never;

export interface StateError {
  readonly error: string;
  readonly cause: string;
}

/** One state as it ran: every failed attempt it retried, and how it ended. */
export interface TraceStep {
  readonly state: string;
  readonly type: string;
  /** Failures the state's Retry absorbed, in order. */
  readonly retries: StateError[];
  /** The failure a Catch took, and the state it went to. */
  caught?: StateError & { readonly next: string };
  /** The failure that ended the execution here (no Catch matched). */
  failed?: StateError;
  /** Set when this state is a compensation: the state whose effect it undoes. */
  readonly compensates?: string;
  durationMs: number;
}

export type ExecutionStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT";

/** What happened in one execution, read from the engine's event log. */
export interface ExecutionTrace {
  readonly status: ExecutionStatus;
  readonly error: string | null;
  readonly cause: string | null;
  readonly output: unknown;
  /** State names in the order entered. */
  readonly states: string[];
  readonly steps: TraceStep[];
  /** Billable state transitions: every state entered plus every retry (as Standard workflows count). */
  readonly transitions: number;
  readonly retries: number;
  /** Compensation states in the order they ran. */
  readonly compensations: string[];
  readonly durationMs: number;
}

function causeText(cause: unknown): string {
  return typeof cause === "string" ? cause : JSON.stringify(cause ?? "");
}

/**
 * Folds the engine's event log into a trace. `compensationOf` maps a compensation state to the state it
 * undoes (from the task manifests' `compensates`).
 */
export function traceOf(
  events: readonly EngineEvent[],
  compensationOf: ReadonlyMap<string, string>,
): ExecutionTrace {
  const steps: TraceStep[] = [];
  let lastFailure: StateError | undefined;
  let status: ExecutionStatus = "FAILED";
  let error: string | null = null;
  let cause: string | null = null;
  let output: unknown = null;
  let started = 0;
  let ended = 0;
  let entered = 0;
  for (const event of events) {
    const current = steps.at(-1);
    switch (event.type) {
      case "ExecutionStarted":
        started = event.timestamp;
        break;
      case "StateEntered": {
        const compensates = compensationOf.get(event.state.name);
        steps.push({
          state: event.state.name,
          type: event.state.type,
          retries: [],
          ...(compensates !== undefined && { compensates }),
          durationMs: 0,
        });
        entered = event.timestamp;
        lastFailure = undefined;
        break;
      }
      case "StateExited":
        if (current) current.durationMs = event.timestamp - entered;
        break;
      case "StateFailed":
        lastFailure = { error: event.Error, cause: causeText(event.Cause) };
        break;
      case "StateRetried":
        if (current && lastFailure) current.retries.push(lastFailure);
        break;
      case "StateCaught":
        if (current && lastFailure) current.caught = { ...lastFailure, next: event.catch.catcher.Next };
        if (current) current.durationMs = event.timestamp - entered;
        break;
      case "ExecutionSucceeded":
        status = "SUCCEEDED";
        output = event.output;
        ended = event.timestamp;
        break;
      case "ExecutionFailed":
        status = "FAILED";
        error = event.Error;
        cause = causeText(event.Cause);
        ended = event.timestamp;
        // A Task failing without a Catch ends the execution in that state; a Fail state ends it normally.
        if (current && lastFailure && current.type !== "Fail") current.failed = lastFailure;
        break;
      case "ExecutionTimeout":
      case "ExecutionAborted":
        status = "TIMED_OUT";
        error = event.type === "ExecutionTimeout" ? "States.Timeout" : "States.Aborted";
        cause = "the execution exceeded the state machine's TimeoutSeconds or was aborted";
        ended = event.timestamp;
        break;
      default:
        break;
    }
  }
  const retries = steps.reduce((n, s) => n + s.retries.length, 0);
  return {
    status,
    error,
    cause,
    output,
    states: steps.map((s) => s.state),
    steps,
    transitions: steps.length + retries,
    retries,
    compensations: steps.filter((s) => s.compensates !== undefined).map((s) => s.state),
    durationMs: ended - started,
  };
}
