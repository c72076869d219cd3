import { ChargePaymentInput } from "@orderflow/domain";
import { dynamoChargeLedger, paymentGatewayNamed } from "@orderflow/payments";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { chargePayment } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const env = manifestEnv(task);
const deps = {
  gateway: paymentGatewayNamed(env.PAYMENT_GATEWAY),
  ledger: dynamoChargeLedger(documentClient(), tables.payments),
  now: () => new Date(),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: ChargePaymentInput,
  run: (input) => chargePayment(input, deps),
});
