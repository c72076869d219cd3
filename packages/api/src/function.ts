import { defineFunction } from "@orderflow/domain";

/**
 * What the orders API function needs; infra adds `states:StartExecution` on the order workflow only. Query
 * reads the `byCustomer` index for `GET /orders`.
 */
export const apiFunction = defineFunction({
  name: "api",
  description:
    "HTTP API: POST /orders starts the workflow, GET /orders and GET /orders/{id} report the caller's orders.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: { orders: ["GetItem", "PutItem", "Query"] },
  env: {
    STATE_MACHINE_ARN: { description: "ARN of the order workflow (its alias) that POST /orders starts." },
  },
});
