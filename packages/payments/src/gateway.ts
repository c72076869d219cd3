import type { Money } from "@orderflow/domain";

/**
 * The payment provider as charge-payment and refund-payment see it: the port every adapter (one module
 * each, such as `sandbox-gateway.ts`) implements. Money moves in two steps, so that a compensation can
 * stop a charge whose outcome it does not know: `authorize` only holds the amount on the card, `capture`
 * takes it, and `void` releases a hold so that it can never be captured.
 *
 * Every call is idempotent: the same `chargeKey` names one charge however often and however concurrently
 * it is asked, and the provider answers a repeat with the charge's state, which is how a charge whose
 * answer was lost is resolved. Implementations throw `PaymentProcessingError` (from @orderflow/domain)
 * when the provider cannot answer right now, which the workflow retries; anything else they throw is a
 * failure of the task.
 */
export interface PaymentGateway {
  readonly name: string;
  /** Holds `amount` on the card for the charge `chargeKey`; a repeat answers with that charge as it is now. */
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  /** Takes the held amount. Refused with {@link ChargeVoided} when the hold was voided first. */
  capture(charge: ChargeRef): Promise<void>;
  /** Releases a hold so it can never be captured; answers `CAPTURED` when the capture came first. */
  void(charge: ChargeRef): Promise<"VOIDED" | "CAPTURED">;
  /** Gives a captured charge back in full; the same `refundKey` refunds once. */
  refund(request: RefundRequest): Promise<RefundResult>;
}

/** What the provider is asked to hold. */
export interface AuthorizeRequest {
  /** Names the charge at the provider: retries and concurrent calls with one key make one charge. */
  readonly chargeKey: string;
  readonly customerId: string;
  readonly amount: Money;
  /** Opaque card token; never logged. */
  readonly paymentToken: string;
}

/**
 * The provider's answer about a charge: held, declined, or (for a repeat) already captured or voided.
 * A decline is an answer, not a failure: the caller records it.
 */
export type Authorization =
  | { readonly status: "AUTHORIZED" | "CAPTURED" | "VOIDED"; readonly chargeId: string }
  | { readonly status: "DECLINED"; readonly reason: string };

/** A charge the provider knows: its key, and its id once the provider has given one. */
export interface ChargeRef {
  readonly chargeKey: string;
  readonly chargeId: string;
}

export interface RefundRequest extends ChargeRef {
  /** The same key refunds once. */
  readonly refundKey: string;
  readonly amount: Money;
}

export interface RefundResult {
  readonly refundId: string;
}

/** A capture the provider refused because the hold had been voided: the order was compensated first. */
export class ChargeVoided extends Error {
  override readonly name = "ChargeVoided";
}

/** A refund of a charge the provider never captured. */
export class NothingCaptured extends Error {
  override readonly name = "NothingCaptured";
}
