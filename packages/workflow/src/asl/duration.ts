import { edgesOf } from "./graph";
import type { AslBranch, AslState, Retrier } from "./types";

/** Longest total wait of one retrier: each wait is interval × backoff^n, capped at MaxDelaySeconds. */
export function retrierDelaySeconds(retrier: Retrier): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  const cap = retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
  let total = 0;
  for (let attempt = 0; attempt < (retrier.MaxAttempts ?? 3); attempt++) {
    total += Math.min(interval * backoff ** attempt, cap);
  }
  return total;
}

/**
 * Worst case for one state: every retrier exhausted, every attempt running into the timeout. Jitter
 * only shortens waits, so it is ignored. A Task without a timeout has no bound (Infinity).
 */
export function stateWorstCaseSeconds(state: AslState): number {
  const retries = "Retry" in state ? (state.Retry ?? []) : [];
  const attempts = 1 + retries.reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0);
  const waits = retries.reduce((sum, r) => sum + retrierDelaySeconds(r), 0);
  switch (state.Type) {
    case "Task":
      return attempts * (state.TimeoutSeconds ?? Number.POSITIVE_INFINITY) + waits;
    case "Parallel":
      return attempts * Math.max(0, ...(state.Branches ?? []).map(worstCaseSeconds)) + waits;
    case "Wait":
      return state.Seconds ?? Number.POSITIVE_INFINITY;
    default:
      return 0;
  }
}

/**
 * The longest any execution can take along any path (retries and catches included). Infinity when
 * a path loops or a state has no bound: then no execution timeout can be proven long enough.
 */
export function worstCaseSeconds(branch: AslBranch): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const longestFrom = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const state = branch.States[name];
    if (state === undefined) return 0;
    if (visiting.has(name)) return Number.POSITIVE_INFINITY;
    visiting.add(name);
    const after = Math.max(0, ...edgesOf(name, state).map((edge) => longestFrom(edge.to)));
    visiting.delete(name);
    const total = stateWorstCaseSeconds(state) + after;
    memo.set(name, total);
    return total;
  };
  return longestFrom(branch.StartAt);
}
