/**
 * The gateway adapters by name: the one module that knows them all, so that adding a provider is its
 * adapter module plus one entry here.
 */
import type { PaymentGateway } from "./gateway";
import { type SandboxLedger, sandboxGateway } from "./sandbox-gateway";

/** What an adapter may need to start: the sandbox keeps its books in the `gateway` table. */
export interface GatewayContext {
  readonly sandbox: SandboxLedger;
}

type GatewayFactory = (context: GatewayContext) => PaymentGateway | Promise<PaymentGateway>;

const GATEWAYS: Readonly<Record<string, GatewayFactory>> = {
  sandbox: ({ sandbox }) => sandboxGateway(sandbox),
};

/** The names `PAYMENT_GATEWAY` accepts. */
export const PAYMENT_GATEWAY_NAMES: readonly string[] = Object.keys(GATEWAYS);

/**
 * The gateway implementation a deployment chose by name (env `PAYMENT_GATEWAY`). Handlers await this at
 * module load, so a wrong name fails the cold start instead of the first payment.
 */
export async function paymentGatewayNamed(name: string, context: GatewayContext): Promise<PaymentGateway> {
  const create = Object.hasOwn(GATEWAYS, name) ? GATEWAYS[name] : undefined;
  if (!create) {
    throw new Error(
      `unknown payment gateway "${name}": set PAYMENT_GATEWAY to one of ${PAYMENT_GATEWAY_NAMES.join(", ")}`,
    );
  }
  return create(context);
}
