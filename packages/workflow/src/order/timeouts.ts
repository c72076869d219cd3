import type { TaskManifest } from "@orderflow/domain";

/**
 * Lambda's init phase (up to 10 s) runs before the function timeout starts counting, so a cold start
 * may legitimately take this much longer than the function timeout.
 */
export const LAMBDA_TIMEOUT_MARGIN_SECONDS = 10;

/** Fargate needs time to place the task, attach its network interface and pull the image. */
export const CONTAINER_START_SECONDS = 180;

/** DynamoDB and EventBridge calls answer in milliseconds; anything this slow is stuck. */
export const SERVICE_TASK_TIMEOUT_SECONDS = 10;

/**
 * The Task state's TimeoutSeconds for a manifest: strictly above the function's own timeout, so a slow
 * function fails with its own timeout error (which the task team sees in its logs) rather than the
 * state timing out first and leaving the function running.
 */
export function taskTimeoutSeconds(manifest: TaskManifest): number {
  return manifest.kind === "container"
    ? manifest.timeoutSeconds + CONTAINER_START_SECONDS
    : manifest.timeoutSeconds + LAMBDA_TIMEOUT_MARGIN_SECONDS;
}

/** Execution timeout: the worst case of every path, rounded up to whole five minutes. */
export function executionTimeoutSeconds(worstCaseSeconds: number): number {
  const step = 300;
  return Math.max(step, Math.ceil(worstCaseSeconds / step) * step);
}
