import { defineTask } from "@orderflow/domain";

/** What the ReserveInventory task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "reserve-inventory",
  stateName: "ReserveInventory",
  kind: "lambda",
  description: "Reserves every line item atomically and records the reservation.",
  memoryMb: 256,
  timeoutSeconds: 5,
  tables: { inventory: ["UpdateItem", "BatchGetItem"], reservations: ["GetItem", "PutItem"] },
  env: {},
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["OutOfStock"],
  retryableErrors: [],
});
