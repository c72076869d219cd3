import { defineTask } from "@orderflow/domain";

/** What the ReleaseInventory task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "release-inventory",
  stateName: "ReleaseInventory",
  kind: "lambda",
  description: "Compensation: returns exactly the order's reserved stock.",
  memoryMb: 256,
  timeoutSeconds: 5,
  // The stock and the record change together in TransactWriteItems, which IAM authorises per action;
  // PutItem writes the tombstone that fences off an order without a reservation.
  tables: { reservations: ["GetItem", "PutItem", "UpdateItem"], inventory: ["UpdateItem"] },
  env: {},
  retry: { maxAttempts: 8, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 30 },
  errors: [],
  retryableErrors: ["InventoryContention"],
  compensates: "ReserveInventory",
});
