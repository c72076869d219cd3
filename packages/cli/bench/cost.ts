/** Step Functions Standard: $0.025 per 1,000 state transitions (us-east-1 list price). */
const STANDARD_USD_PER_TRANSITION = 0.025 / 1000;
/** Express: $1.00 per 1M requests plus $0.00001667 per GB-second. */
const EXPRESS_USD_PER_REQUEST = 1.0 / 1_000_000;
const EXPRESS_USD_PER_GB_SECOND = 0.00001667;
const EXPRESS_MEMORY_GB = 64 / 1024;
/** Express bills duration rounded up to the next 100 ms. */
const EXPRESS_BILLING_STEP_MS = 100;

export const EXPRESS_ASSUMPTIONS = [
  "Standard: $0.025 per 1,000 state transitions; transitions counted from the local event log (states entered + retries)",
  "Express: $1.00 per 1M requests + $0.00001667 per GB-second, 64 MB memory, duration rounded up to 100 ms",
  "Express duration is the local execution time measured here; in AWS each Lambda invoke adds network and cold-start latency, so treat it as a lower bound",
  "Only Step Functions is priced: Lambda, DynamoDB and EventBridge charges come on top in both cases",
  "Express workflows are at-least-once and keep no execution-name idempotency; this design relies on Standard (execution name = order id)",
];

/** What one order of a path costs per million orders on Standard and (estimated) on Express. */
export function costPer1M(
  transitions: number,
  durationMs: number,
): { standardUsd: number; expressUsd: number } {
  const billedSeconds = (Math.ceil(durationMs / EXPRESS_BILLING_STEP_MS) * EXPRESS_BILLING_STEP_MS) / 1000;
  const standard = transitions * STANDARD_USD_PER_TRANSITION * 1_000_000;
  const express =
    (EXPRESS_USD_PER_REQUEST + EXPRESS_MEMORY_GB * billedSeconds * EXPRESS_USD_PER_GB_SECOND) * 1_000_000;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { standardUsd: round(standard), expressUsd: round(express) };
}
