import { defineFunction } from "@orderflow/domain";

/** What the orders API function needs; infra adds `states:StartExecution` on the order workflow only. */
export const apiFunction = defineFunction({
  name: "api",
  description: "HTTP API: POST /orders starts the workflow, GET /orders/{id} reports status.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: { orders: ["GetItem", "PutItem"] },
  env: {
    STATE_MACHINE_ARN: { description: "ARN of the order workflow (its alias) that POST /orders starts." },
  },
});
