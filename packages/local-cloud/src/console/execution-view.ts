import { type LocalExecution, traceOf } from "@orderflow/local";

/** What happened in one state of an execution, as the console colours it. */
export type StateOutcome = "running" | "succeeded" | "failed" | "caught" | "retried" | "compensated";

export interface StateView {
  readonly outcome: StateOutcome;
  /** Failed attempts its Retry absorbed. */
  readonly retries: number;
  /** The error that was caught or that failed the execution here. */
  readonly error?: string;
}

export interface ExecutionPath {
  readonly states: Readonly<Record<string, StateView>>;
  /** Every transition the execution took, in order; `error` is set for a Catch (the error it took). */
  readonly taken: readonly { readonly from: string; readonly to: string; readonly error?: string }[];
}

/**
 * Each state's outcome in the execution so far, from the runtime's own trace of its events: the state it
 * is in while it runs; otherwise failed (a Fail state, or a failure no Catch took), caught, compensated
 * (a compensation that ran), retried (and then succeeded) or succeeded. A state entered twice shows its
 * last visit.
 */
export function executionPath(
  execution: LocalExecution,
  compensationOf: ReadonlyMap<string, string>,
  running: boolean,
): ExecutionPath {
  const { steps } = traceOf(execution.events, compensationOf);
  const states: Record<string, StateView> = {};
  steps.forEach((step, index) => {
    const last = index === steps.length - 1;
    const problem = step.failed ?? step.caught;
    const outcome: StateOutcome =
      running && last
        ? "running"
        : step.failed || step.type === "Fail"
          ? "failed"
          : step.caught
            ? "caught"
            : step.compensates !== undefined
              ? "compensated"
              : step.retries.length > 0
                ? "retried"
                : "succeeded";
    states[step.state] = {
      outcome,
      retries: step.retries.length,
      ...(problem && { error: problem.error }),
    };
  });
  const taken = steps.slice(1).map((step, i) => {
    const from = steps[i] as (typeof steps)[number];
    return { from: from.state, to: step.state, ...(from.caught && { error: from.caught.error }) };
  });
  return { states, taken };
}
