/**
 * The gateway adapters by name: the one module that knows them all, so that adding a provider is its
 * adapter module plus one entry here.
 */
import type { PaymentGateway } from "./gateway";
import { sandboxGateway } from "./sandbox-gateway";

const GATEWAYS: Readonly<Record<string, () => PaymentGateway>> = { sandbox: sandboxGateway };

/** The names `PAYMENT_GATEWAY` accepts. */
export const PAYMENT_GATEWAY_NAMES: readonly string[] = Object.keys(GATEWAYS);

/**
 * The gateway implementation a deployment chose by name (env `PAYMENT_GATEWAY`). Handlers call this at
 * module load, so a wrong name fails the cold start instead of the first payment.
 */
export function paymentGatewayNamed(name: string): PaymentGateway {
  const create = Object.hasOwn(GATEWAYS, name) ? GATEWAYS[name] : undefined;
  if (!create) {
    throw new Error(
      `unknown payment gateway "${name}": set PAYMENT_GATEWAY to one of ${PAYMENT_GATEWAY_NAMES.join(", ")}`,
    );
  }
  return create();
}
