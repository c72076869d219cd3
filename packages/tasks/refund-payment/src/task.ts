import { defineTask } from "@orderflow/domain";
import { PAYMENT_GATEWAY_ENV } from "@orderflow/payments/gateway-env";

/** What the RefundPayment task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "refund-payment",
  stateName: "RefundPayment",
  kind: "lambda",
  description: "Compensation: refunds the captured charge.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: {
    payments: ["GetItem", "PutItem", "UpdateItem"],
    // The sandbox provider's own books; only the sandbox gateway reads or writes them. (The Stripe
    // gateway's secret-key parameter is granted by infra, which creates it.)
    gateway: ["GetItem", "PutItem", "UpdateItem"],
  },
  env: PAYMENT_GATEWAY_ENV,
  retry: { maxAttempts: 8, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 30 },
  errors: [],
  retryableErrors: ["PaymentProcessingError"],
  compensates: "ChargePayment",
});
