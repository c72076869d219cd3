import { defineTask, IDEMPOTENT_TIMEOUTS } from "@orderflow/domain";

/** CreateShipment as a Lambda function: what it needs from the platform. */
export const lambdaTask = defineTask({
  name: "create-shipment",
  stateName: "CreateShipment",
  kind: "lambda",
  description: "Books the shipment and hands the reserved stock over to it.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: {
    shipments: ["GetItem", "PutItem"],
    reservations: ["GetItem", "UpdateItem"],
    inventory: ["UpdateItem"],
  },
  env: {
    SUPPORTED_COUNTRIES: {
      description: "Comma-separated ISO 3166-1 alpha-2 codes we ship to.",
      default: "DE,AT,NL,BE,FR,PT,ES,IT",
    },
    CARRIER: { description: "Carrier name printed on shipments.", default: "DHL" },
  },
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["ShipmentFailed"],
  // ShipmentHandoverIncomplete: the order has shipped, so a failure finishing the hand-over is retried,
  // never compensated by a refund.
  retryableErrors: ["InventoryContention", "ShipmentHandoverIncomplete", ...IDEMPOTENT_TIMEOUTS],
});
