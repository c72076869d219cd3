import { defineTask, IDEMPOTENT_TIMEOUTS } from "@orderflow/domain";

/** What the ReserveInventory task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "reserve-inventory",
  stateName: "ReserveInventory",
  kind: "lambda",
  description: "Reserves every line item atomically and records the reservation.",
  memoryMb: 256,
  timeoutSeconds: 5,
  // All writes go through TransactWriteItems, which IAM authorises per contained action.
  tables: {
    inventory: ["UpdateItem"],
    reservations: ["GetItem", "PutItem", "UpdateItem", "DeleteItem"],
  },
  env: {},
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["OutOfStock"],
  retryableErrors: ["InventoryContention", ...IDEMPOTENT_TIMEOUTS],
});
