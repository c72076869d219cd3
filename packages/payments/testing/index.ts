/**
 * Test support for payments, for this package's tests and the charge and refund tasks': a scripted
 * gateway, direct access to the payments table and to the sandbox's books on DynamoDB Local, and an
 * interleaving of protocol runs one call at a time. Only tests import it (it needs vitest); no Lambda
 * bundle does.
 */
export { type GatewayScript, scriptedGateway } from "./doubles";
export { type Interleaving, interleaving } from "./interleaving";
export { paymentRows } from "./payment-rows";
export { sandboxBooks } from "./sandbox-books";
