import { defineFunction } from "@orderflow/domain";

/**
 * What the reconciler function needs; infra adds `states:DescribeExecution` on this state machine's
 * executions and runs it on a schedule.
 */
export const reconcilerFunction = defineFunction({
  name: "reconciler",
  description: "Records the outcome of orders whose execution ended without recording it.",
  memoryMb: 256,
  timeoutSeconds: 60,
  tables: { orders: ["Query", "UpdateItem"] },
  env: {
    STATE_MACHINE_ARN: { description: "ARN of the order workflow whose executions the orders name." },
    PENDING_OLDER_THAN_MINUTES: {
      description: "How long an order may stay PENDING before its execution is looked at.",
      default: "15",
    },
  },
});
