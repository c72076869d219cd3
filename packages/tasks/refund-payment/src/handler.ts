import { RefundPaymentInput } from "@orderflow/domain";
import { dynamoRefundLedger, paymentGatewayNamed } from "@orderflow/payments";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { refundPayment } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const env = manifestEnv(task);
const deps = {
  gateway: paymentGatewayNamed(env.PAYMENT_GATEWAY),
  ledger: dynamoRefundLedger(documentClient(), tables.payments),
  now: () => new Date(),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: RefundPaymentInput,
  run: (input) => refundPayment(input, deps),
});
