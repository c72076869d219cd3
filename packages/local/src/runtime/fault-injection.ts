import type { ExecutionScope, StateAdapter } from "./adapter";
import type { FaultOutcome } from "./fault-plan";
import type { TaskState } from "./integrations";
import type { LateInvocations } from "./late-invocations";
import { faultAfterWork, injectedFailure } from "./task-failure";

export interface Invocation {
  readonly state: TaskState;
  readonly adapter: StateAdapter;
  readonly parameters: unknown;
  readonly scope: ExecutionScope;
  readonly late: LateInvocations;
}

/**
 * Serves one invocation of a Task state the way `outcome` says (see `FAULT_OUTCOMES`): the adapter does
 * the state's real work whenever the outcome lets it, so what a fault leaves behind (a committed write
 * whose answer was lost, a duplicate, a write that lands after the compensation) is real.
 */
export async function invokeWithFault(outcome: FaultOutcome, invocation: Invocation): Promise<unknown> {
  const { state, adapter, parameters, scope, late } = invocation;
  switch (outcome) {
    case "ok":
      return adapter(parameters, scope);
    case "transient":
    case "error":
    case "timeout":
      throw injectedFailure(state, outcome);
    case "lost":
    case "crash":
      // The work's own success or failure is beside the point: the state never learns of it.
      await adapter(parameters, scope).catch(() => undefined);
      throw faultAfterWork(state, outcome);
    case "late":
      late.add(state.name, () => adapter(parameters, { ...scope, detached: true }));
      throw faultAfterWork(state, outcome);
    case "twice": {
      const [first] = await Promise.allSettled([adapter(parameters, scope), adapter(parameters, scope)]);
      if (first.status === "fulfilled") return first.value;
      throw first.reason;
    }
  }
}
