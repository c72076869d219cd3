import { defineTask, IDEMPOTENT_TIMEOUTS } from "@orderflow/domain";

/** What the ValidateOrder task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "validate-order",
  stateName: "ValidateOrder",
  kind: "lambda",
  description: "Parses the order, prices it from the catalog and computes totals.",
  memoryMb: 256,
  timeoutSeconds: 5,
  tables: { inventory: ["BatchGetItem"] },
  env: {},
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["ValidationError"],
  retryableErrors: [...IDEMPOTENT_TIMEOUTS],
});
