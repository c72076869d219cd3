/**
 * Test support for payments, for this package's tests and the charge and refund tasks': a scripted
 * gateway, direct access to the payments and sandbox tables on DynamoDB Local, and a Stripe-shaped HTTP
 * server the real Stripe SDK talks to. Only tests import it (it needs vitest); no Lambda bundle does.
 */
export { type GatewayScript, scriptedGateway } from "./doubles";
export { paymentRows } from "./payment-rows";
export { type PaymentIntentObject, type RefundObject, STRIPE_TEST_CARDS, StripeBooks } from "./stripe-books";
export {
  type RecordedRequest,
  type StripeFault,
  type StripeServer,
  startStripeServer,
} from "./stripe-server";
