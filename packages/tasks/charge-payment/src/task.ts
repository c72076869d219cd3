import { defineTask, IDEMPOTENT_TIMEOUTS } from "@orderflow/domain";
import { PAYMENT_GATEWAY_ENV, PAYMENT_TABLES } from "@orderflow/payments/gateway-env";

/** What the ChargePayment task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "charge-payment",
  stateName: "ChargePayment",
  kind: "lambda",
  description: "Charges the order total once through the payment gateway.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: PAYMENT_TABLES,
  env: PAYMENT_GATEWAY_ENV,
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["PaymentDeclined"],
  retryableErrors: ["PaymentProcessingError", ...IDEMPOTENT_TIMEOUTS],
});
