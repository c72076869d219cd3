/**
 * Test support for payments, for this package's tests and the charge and refund tasks': a scripted
 * gateway, and direct access to the payments and sandbox tables on DynamoDB Local. Only tests import it
 * (it needs vitest); no Lambda bundle does.
 */
export { type GatewayScript, scriptedGateway } from "./doubles";
export { paymentRows } from "./payment-rows";
