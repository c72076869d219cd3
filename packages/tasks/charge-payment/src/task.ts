import { defineTask } from "@orderflow/domain";

/** What the ChargePayment task needs from the platform; infra, the workflow and the local runtime read it. */
export const task = defineTask({
  name: "charge-payment",
  stateName: "ChargePayment",
  kind: "lambda",
  description: "Charges the order total once through the payment gateway.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: { payments: ["GetItem", "PutItem"] },
  env: {
    PAYMENT_GATEWAY: {
      description: "Payment gateway implementation; only `sandbox` exists today.",
      default: "sandbox",
    },
  },
  retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
  errors: ["PaymentDeclined"],
  // States.Timeout (the state's timer) and Sandbox.Timedout (the function's own timeout, which fires first):
  // the task is idempotent, so an attempt that timed out (and may have done its work) is retried and returns
  // the first result, instead of being compensated as if it had failed.
  retryableErrors: ["PaymentProcessingError", "States.Timeout", "Sandbox.Timedout"],
});
