import { defineTask } from "@orderflow/domain";

/** What this task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "notify-customer",
  stateName: "NotifyCustomer",
  kind: "lambda",
  description: "Acknowledges the order with the time it handled it.",
  memoryMb: 256,
  timeoutSeconds: 5,
  // The exact DynamoDB actions per table, e.g. { orders: ["GetItem"] }; infra grants exactly these.
  tables: {},
  env: {},
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  // Business errors thrown on purpose (domain classes): the workflow catches them and never retries.
  errors: [],
  retryableErrors: [],
});
