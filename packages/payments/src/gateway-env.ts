/**
 * The payment gateways a deployment can choose, and the environment and tables both payment functions'
 * manifests declare to build theirs. Plain data in a module of its own: the task manifests and infra import it without the gateways.
 */
import type { DynamoAction, EnvVarSpec, TableName } from "@orderflow/domain";

/** The names `PAYMENT_GATEWAY` (and infra's `orderflow:paymentGateway`) accepts. */
export const PAYMENT_GATEWAY_NAMES = ["sandbox", "stripe"] as const;
export type PaymentGatewayName = (typeof PAYMENT_GATEWAY_NAMES)[number];

/** The variables of charge-payment's and refund-payment's manifests that choose and configure the gateway. */
export const PAYMENT_GATEWAY_ENV = {
  PAYMENT_GATEWAY: {
    description: `Payment gateway implementation: ${PAYMENT_GATEWAY_NAMES.join(" or ")}.`,
    default: "sandbox",
  },
  STRIPE_SECRET_KEY_PARAMETER_NAME: {
    description:
      "Name of the SSM SecureString parameter holding the Stripe secret key (stripe only); read once per cold start.",
    optional: true,
  },
  STRIPE_API_BASE_URL: {
    description: "Where the Stripe SDK sends requests (stripe only); unset means Stripe's own API.",
    optional: true,
  },
} as const satisfies Readonly<Record<string, EnvVarSpec>>;

/** The tables of charge-payment's and refund-payment's manifests. */
export const PAYMENT_TABLES = {
  payments: ["GetItem", "PutItem", "UpdateItem"],
  // The sandbox provider's own books; only the sandbox gateway reads or writes them. (The Stripe gateway's
  // secret-key parameter is granted by infra, which creates it.)
  gateway: ["GetItem", "PutItem", "UpdateItem"],
} as const satisfies Readonly<Partial<Record<TableName, readonly DynamoAction[]>>>;
