import type { RetryPolicy, TaskManifest } from "@orderflow/domain";
import {
  DYNAMODB_TRANSIENT_ERRORS,
  ECS_TRANSIENT_ERRORS,
  LAMBDA_TRANSIENT_ERRORS,
  type Retrier,
  type RetryOptions,
  retry,
  STATES_ALL,
  STATES_TIMEOUT,
} from "../asl";

/** Status writes and reads: after the outcome is decided they must get through, so they retry long. */
export const SERVICE_RETRY = {
  intervalSeconds: 1,
  maxAttempts: 6,
  backoffRate: 2,
  maxDelaySeconds: 20,
} as const satisfies RetryOptions;

function options(policy: RetryPolicy): RetryOptions {
  return {
    intervalSeconds: policy.intervalSeconds,
    maxAttempts: policy.maxAttempts,
    backoffRate: policy.backoffRate,
    maxDelaySeconds: policy.maxDelaySeconds,
  };
}

/**
 * A task's Retry from its manifest: the integration's transient faults plus the task's own retryable
 * errors, never its business errors. Compensations are idempotent (a second release or refund is a
 * no-op), so they also retry any other error with a last catch-all retrier: that is "retry harder".
 */
export function taskRetry(manifest: TaskManifest): Retrier[] {
  const transient = manifest.kind === "container" ? ECS_TRANSIENT_ERRORS : LAMBDA_TRANSIENT_ERRORS;
  const retriers = [retry([...transient, ...manifest.retryableErrors], options(manifest.retry))];
  if (manifest.compensates !== undefined) retriers.push(retry([STATES_ALL], options(manifest.retry)));
  return retriers;
}

/** A read of the workflow's own tables: throttling and server faults, and a timeout (a read can repeat). */
export const DYNAMODB_READ_RETRY: readonly Retrier[] = [
  retry([...DYNAMODB_TRANSIENT_ERRORS, STATES_TIMEOUT], SERVICE_RETRY),
];

/**
 * A status write also retries a timeout: the write is idempotent (its condition accepts its own status),
 * so a write whose answer was lost is simply made again, instead of leaving the order PENDING.
 */
export const STATUS_WRITE_RETRY: readonly Retrier[] = DYNAMODB_READ_RETRY;
