import { RefundPaymentInput } from "@orderflow/domain";
import { dynamoPaymentLedger, paymentGatewayNamed } from "@orderflow/payments";
import { createLogger, documentClient, manifestEnv, tableNamesFor, taskHandler } from "@orderflow/task-kit";
import { refundPayment } from "./core";
import { task } from "./task";

const tables = tableNamesFor(task);
const env = manifestEnv(task);
const documents = documentClient();
const deps = {
  gateway: await paymentGatewayNamed(env.PAYMENT_GATEWAY, {
    sandbox: { client: documents, tableName: tables.gateway },
    stripe: { secretKeyParameter: env.STRIPE_SECRET_KEY_PARAMETER_NAME, apiBaseUrl: env.STRIPE_API_BASE_URL },
  }),
  ledger: dynamoPaymentLedger(documents, tables.payments),
  now: () => new Date(),
};

export const handler = taskHandler({
  logger: createLogger(task.name),
  input: RefundPaymentInput,
  run: (input) => refundPayment(input, deps),
});
