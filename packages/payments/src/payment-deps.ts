import type { FunctionManifest } from "@orderflow/domain";
import { documentClient, manifestEnv, tableNamesFor } from "@orderflow/task-kit";
import type { PaymentGateway } from "./gateway";
import type { PAYMENT_GATEWAY_ENV, PAYMENT_TABLES } from "./gateway-env";
import { paymentGatewayNamed } from "./gateways";
import type { PaymentLedger } from "./ledger";
import { dynamoPaymentLedger } from "./payments-table";

/** What both payment functions run on: the gateway the deployment chose, the payments ledger, a clock. */
export interface PaymentDeps {
  readonly gateway: PaymentGateway;
  readonly ledger: PaymentLedger;
  /** The clock that stamps the record's times; a parameter so tests can fix it. */
  readonly now: () => Date;
}

/** A payment function's manifest: the payment tables and the gateway's environment. */
type PaymentFunction = Omit<FunctionManifest, "tables" | "env"> & {
  readonly tables: typeof PAYMENT_TABLES;
  readonly env: typeof PAYMENT_GATEWAY_ENV;
};

/**
 * A payment function's deps from its manifest's environment and tables, built once per cold start: a wrong
 * gateway name or an unreadable Stripe secret fails the start instead of the first payment.
 */
export async function paymentDepsFor(task: PaymentFunction): Promise<PaymentDeps> {
  const tables = tableNamesFor(task);
  const env = manifestEnv(task);
  const documents = documentClient();
  return {
    gateway: await paymentGatewayNamed(env.PAYMENT_GATEWAY, {
      sandbox: { client: documents, tableName: tables.gateway },
      stripe: {
        secretKeyParameter: env.STRIPE_SECRET_KEY_PARAMETER_NAME,
        apiBaseUrl: env.STRIPE_API_BASE_URL,
      },
    }),
    ledger: dynamoPaymentLedger(documents, tables.payments),
    now: () => new Date(),
  };
}
