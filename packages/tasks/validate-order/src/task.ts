import { defineTask, IDEMPOTENT_TIMEOUTS, SHIPPING_ENV } from "@orderflow/domain";

/** What the ValidateOrder task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "validate-order",
  stateName: "ValidateOrder",
  kind: "lambda",
  description: "Checks the order against the catalog and where we ship, prices it and records it.",
  memoryMb: 256,
  timeoutSeconds: 5,
  tables: {
    inventory: ["BatchGetItem"],
    // Records the order when no one did before it (an execution started without the API).
    orders: ["PutItem"],
  },
  env: { ...SHIPPING_ENV },
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["ValidationError"],
  retryableErrors: [...IDEMPOTENT_TIMEOUTS],
});
