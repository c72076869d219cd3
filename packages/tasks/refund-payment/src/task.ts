import { defineTask } from "@orderflow/domain";
import { PAYMENT_GATEWAY_ENV, PAYMENT_TABLES } from "@orderflow/payments/gateway-env";

/** What the RefundPayment task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "refund-payment",
  stateName: "RefundPayment",
  kind: "lambda",
  description: "Compensation: refunds the captured charge.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: PAYMENT_TABLES,
  env: PAYMENT_GATEWAY_ENV,
  retry: { maxAttempts: 8, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 30 },
  errors: [],
  retryableErrors: ["PaymentProcessingError"],
  compensates: "ChargePayment",
});
