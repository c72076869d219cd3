/**
 * Test support for payments, for this package's tests and the charge and refund tasks': direct access to
 * the payments table and to the sandbox's books on DynamoDB Local, two ways to race protocol runs on
 * them (one step landed at a precise point with `meanwhile`, or every call in a chosen order with
 * `interleaving`), and a Stripe-shaped HTTP server the real Stripe SDK talks to. Only tests import it;
 * no Lambda bundle does.
 */
export { type Interleaving, interleaving } from "./interleaving";
export { meanwhile } from "./meanwhile";
export { paymentRows } from "./payment-rows";
export { sandboxBooks } from "./sandbox-books";
export { type PaymentIntentObject, type RefundObject, STRIPE_TEST_CARDS, StripeBooks } from "./stripe-books";
export {
  type RecordedRequest,
  type StripeFault,
  type StripeServer,
  startStripeServer,
} from "./stripe-server";
