/**
 * Test support for payments, for this package's tests and the charge and refund tasks': a scripted
 * gateway, a scripted payments table, and direct access to the payments table on DynamoDB Local. Only
 * tests import it (it needs vitest); no Lambda bundle does.
 */
export { type GatewayScript, type PaymentsScript, scriptedGateway, scriptedPayments } from "./doubles";
export { paymentRows } from "./payment-rows";
