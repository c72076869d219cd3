/**
 * The gateway adapters by name: the one module that knows them all, so that adding a provider is its
 * adapter module plus one entry here. Stripe's adapter and SDK load only when Stripe is chosen, so a
 * function on the sandbox neither ships them in its handler module nor parses them at cold start.
 */
import type { PaymentGateway } from "./gateway";
import { PAYMENT_GATEWAY_NAMES, type PaymentGatewayName } from "./gateway-env";
import { type SandboxLedger, sandboxGateway } from "./sandbox-gateway";

export { PAYMENT_GATEWAY_NAMES } from "./gateway-env";

/** Where the Stripe adapter finds its secret key and its API. */
export interface StripeSettings {
  /** Name of the SSM SecureString parameter holding the secret key (env `STRIPE_SECRET_KEY_PARAMETER_NAME`). */
  readonly secretKeyParameter: string | undefined;
  /**
   * Base URL of the API (env `STRIPE_API_BASE_URL`); tests and local runs use a Stripe-shaped server.
   * @default Stripe's API
   */
  readonly apiBaseUrl?: string | undefined;
}

/** What the adapters may need to start: the sandbox keeps its books in the `gateway` table. */
export interface GatewayContext {
  readonly sandbox: SandboxLedger;
  readonly stripe: StripeSettings;
}

type GatewayFactory = (context: GatewayContext) => PaymentGateway | Promise<PaymentGateway>;

const GATEWAYS: Readonly<Record<PaymentGatewayName, GatewayFactory>> = {
  sandbox: ({ sandbox }) => sandboxGateway(sandbox),
  stripe: async ({ stripe }) => (await import("./stripe-connect")).connectStripe(stripe),
};

/**
 * The gateway implementation a deployment chose by name (env `PAYMENT_GATEWAY`). Handlers await this at
 * module load, so a wrong name or an unreadable secret fails the cold start instead of the first payment.
 */
export async function paymentGatewayNamed(name: string, context: GatewayContext): Promise<PaymentGateway> {
  const create = Object.hasOwn(GATEWAYS, name) ? GATEWAYS[name as PaymentGatewayName] : undefined;
  if (!create) {
    throw new Error(
      `unknown payment gateway "${name}": set PAYMENT_GATEWAY to one of ${PAYMENT_GATEWAY_NAMES.join(", ")}`,
    );
  }
  return create(context);
}
