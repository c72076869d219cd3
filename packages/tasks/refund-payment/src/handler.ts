import { RefundPaymentInput } from "@orderflow/domain";
import { paymentGatewayNamed } from "@orderflow/task-charge-payment/gateway";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { refundPayment } from "./core";
import { refundsTable } from "./payments-table";
import { task } from "./task";

const tables = tableNamesFor(task);
const env = manifestEnv(task);
const deps = {
  gateway: paymentGatewayNamed(env.PAYMENT_GATEWAY),
  ledger: refundsTable(documentClient(), tables.payments),
  now: () => new Date(),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: RefundPaymentInput,
  run: (input) => refundPayment(input, deps),
});
