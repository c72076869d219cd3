import { STATES_ALL } from "./error-names";
import { AslBuildError, nameOf, type Target } from "./node";
import type { Catcher, JitterStrategy, Retrier } from "./types";

/** A retry policy in builder terms; every field has a default that satisfies the workflow rules. */
export interface RetryOptions {
  /** @default 1 */
  readonly intervalSeconds?: number;
  /** @default 3 */
  readonly maxAttempts?: number;
  /** @default 2 */
  readonly backoffRate?: number;
  /** Caps each wait, so exponential backoff never parks an execution for minutes. @default 8 */
  readonly maxDelaySeconds?: number;
  /** FULL spreads retries of many executions hitting the same throttled service. @default "FULL" */
  readonly jitter?: JitterStrategy;
}

export const DEFAULT_RETRY = {
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
  maxDelaySeconds: 8,
  jitter: "FULL",
} as const satisfies Required<RetryOptions>;

function requireInteger(value: number, min: number, field: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new AslBuildError(undefined, `retry ${field} must be an integer ≥ ${min}, got ${value}`);
  }
}

function checkErrorList(errors: readonly string[], what: string): void {
  if (errors.length === 0) throw new AslBuildError(undefined, `${what} needs at least one error name`);
  if (new Set(errors).size !== errors.length) {
    throw new AslBuildError(undefined, `${what} lists an error twice: ${errors.join(", ")}`);
  }
  if (errors.includes(STATES_ALL) && errors.length > 1) {
    throw new AslBuildError(undefined, `${what}: ${STATES_ALL} must stand alone, got ${errors.join(", ")}`);
  }
}

/**
 * A retrier for `errors` with exponential backoff, capped delay and full jitter. Rejects values the
 * States Language forbids (interval < 1, backoff < 1, negative attempts).
 */
export function retry(errors: readonly string[], options: RetryOptions = {}): Retrier {
  const policy = { ...DEFAULT_RETRY, ...options };
  checkErrorList(errors, "a retrier");
  requireInteger(policy.intervalSeconds, 1, "intervalSeconds");
  requireInteger(policy.maxAttempts, 0, "maxAttempts");
  requireInteger(policy.maxDelaySeconds, 1, "maxDelaySeconds");
  if (!(policy.backoffRate >= 1)) {
    throw new AslBuildError(undefined, `retry backoffRate must be ≥ 1, got ${policy.backoffRate}`);
  }
  return {
    ErrorEquals: [...errors],
    IntervalSeconds: policy.intervalSeconds,
    MaxAttempts: policy.maxAttempts,
    BackoffRate: policy.backoffRate,
    MaxDelaySeconds: policy.maxDelaySeconds,
    JitterStrategy: policy.jitter,
  };
}

/** Where a catcher puts the error by default: beside the state, so later states still see the order. */
export const DEFAULT_ERROR_PATH = "$.error";

/** Sends `errors` to `next`, keeping the state and adding `{Error, Cause}` at `resultPath`. */
export function catchErrors(
  errors: readonly string[],
  next: Target,
  resultPath: string = DEFAULT_ERROR_PATH,
): Catcher {
  checkErrorList(errors, "a catcher");
  return { ErrorEquals: [...errors], Next: nameOf(next), ResultPath: resultPath };
}

/** The catch-all catcher; it must be the last one of its list. */
export function catchAll(next: Target, resultPath: string = DEFAULT_ERROR_PATH): Catcher {
  return catchErrors([STATES_ALL], next, resultPath);
}

/**
 * Checks a Retry or Catch list as a whole: `States.ALL` only alone and last, because entries are tried
 * in order and anything after a catch-all can never match.
 */
export function checkErrorHandlers(
  state: string,
  field: "Retry" | "Catch",
  handlers: readonly { ErrorEquals: readonly string[] }[],
): void {
  handlers.forEach((handler, index) => {
    if (!handler.ErrorEquals.includes(STATES_ALL)) return;
    if (handler.ErrorEquals.length > 1) {
      throw new AslBuildError(state, `${field}[${index}]: ${STATES_ALL} must stand alone in ErrorEquals`);
    }
    if (index !== handlers.length - 1) {
      throw new AslBuildError(state, `${field}[${index}]: ${STATES_ALL} must be the last entry`);
    }
  });
}
