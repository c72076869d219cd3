/** How the Stripe adapter reads the SDK's errors (each carries a `type` such as `StripeCardError`). */
import { PaymentProcessingError } from "@orderflow/domain";

interface StripeErrorFields {
  readonly type: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly param?: string;
  readonly requestId?: string;
}

/** Stripe could not answer now: too many requests, its own failure, or no connection. Retrying is safe. */
const TRANSIENT_TYPES = new Set(["StripeRateLimitError", "StripeAPIError", "StripeConnectionError"]);

function stripeErrorOf(error: unknown): StripeErrorFields | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === "string" && type.startsWith("Stripe") ? (error as StripeErrorFields) : undefined;
}

/**
 * The decline reason when Stripe declined the card (its `decline_code`, else its `code`), or refused the
 * payment method the customer's checkout sent; undefined for any other error. A card error whose code is
 * `processing_error` is Stripe's "try again", not a decline.
 */
export function declineOf(error: unknown): string | undefined {
  const stripe = stripeErrorOf(error);
  if (stripe?.type === "StripeCardError" && stripe.code !== "processing_error") {
    return stripe.decline_code || stripe.code || "card_declined";
  }
  if (stripe?.type === "StripeInvalidRequestError" && stripe.param === "payment_method") {
    return stripe.code || "invalid_payment_method";
  }
  return undefined;
}

/** Stripe refused the request as such (400/404): the object is not in a state that allows it. */
export function isInvalidRequest(error: unknown): boolean {
  return stripeErrorOf(error)?.type === "StripeInvalidRequestError";
}

/** The payment is neither held nor declined yet (`processing`): asking again later answers. */
export function stillProcessing(what: string): PaymentProcessingError {
  return new PaymentProcessingError(`Stripe is still processing the payment, so it could not ${what}; retry`);
}

/**
 * What to throw for a Stripe error: a `PaymentProcessingError` (retried) when Stripe could not answer now,
 * else a plain Error naming Stripe's code and request id (never Stripe's message, which can quote the key).
 * Anything that is not a Stripe error is thrown as it is.
 */
export function stripeFailure(error: unknown, what: string): Error {
  const stripe = stripeErrorOf(error);
  if (!stripe) return error instanceof Error ? error : new Error(String(error));
  const detail = `${stripe.code || stripe.type}${stripe.requestId ? `, request ${stripe.requestId}` : ""}`;
  if (
    TRANSIENT_TYPES.has(stripe.type) ||
    stripe.code === "processing_error" ||
    stripe.code === "lock_timeout"
  ) {
    return new PaymentProcessingError(`Stripe could not ${what} right now (${detail}); retry`);
  }
  if (stripe.type === "StripeAuthenticationError" || stripe.type === "StripePermissionError") {
    return new Error(
      `Stripe refused the secret key trying to ${what} (${detail}); check the key in its SSM parameter`,
    );
  }
  return new Error(`Stripe refused to ${what} (${detail})`);
}
