/**
 * Test support for payments, for this package's tests and the charge and refund tasks': direct access to
 * the payments table and to the sandbox's books on DynamoDB Local, and two ways to race protocol runs on
 * them: one step landed at a precise point (`meanwhile`), or every call in a chosen order
 * (`interleaving`). Only tests import it; no Lambda bundle does.
 */
export { type Interleaving, interleaving } from "./interleaving";
export { meanwhile } from "./meanwhile";
export { paymentRows } from "./payment-rows";
export { sandboxBooks } from "./sandbox-books";
