import { defineTask, IDEMPOTENT_TIMEOUTS, SHIPPING_ENV } from "@orderflow/domain";

/** CreateShipment as a Lambda function: what it needs from the platform. */
export const lambdaTask = defineTask({
  name: "create-shipment",
  stateName: "CreateShipment",
  kind: "lambda",
  description: "Books the shipment and hands the reserved stock over to it.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: {
    // The order's address, as the API or ValidateOrder recorded it.
    orders: ["GetItem"],
    shipments: ["GetItem", "PutItem"],
    reservations: ["GetItem", "UpdateItem"],
    inventory: ["UpdateItem"],
  },
  env: {
    ...SHIPPING_ENV,
    CARRIER: { description: "Carrier name printed on shipments.", default: "DHL" },
  },
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["ShipmentFailed"],
  // ShipmentHandoverIncomplete: the order has shipped, so a failure finishing the hand-over is retried,
  // never compensated by a refund.
  retryableErrors: ["InventoryContention", "ShipmentHandoverIncomplete", ...IDEMPOTENT_TIMEOUTS],
});
