import type { Money } from "@orderflow/domain";

/** What the provider is asked to charge. */
export interface ChargeRequest {
  /** The provider treats calls with the same key as one charge: retries and concurrent calls charge once. */
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly amount: Money;
  /** Opaque card token; never logged. */
  readonly paymentToken: string;
}

/** A decline is an answer, not a failure: the caller records it. Transient failures are thrown instead. */
export type ChargeResult =
  | { readonly status: "APPROVED"; readonly chargeId: string }
  | { readonly status: "DECLINED"; readonly reason: string };

/** What the provider is asked to refund: a whole captured charge. */
export interface RefundRequest {
  /** As for charges: the same key refunds once. */
  readonly idempotencyKey: string;
  /** The idempotency key the charge was made with: it names the charge when its id was never recorded. */
  readonly chargeKey: string;
  /** The charge's id, when it was recorded. */
  readonly chargeId?: string;
  readonly amount: Money;
}

export interface RefundResult {
  readonly refundId: string;
  /** The charge the provider refunded. */
  readonly chargeId: string;
}

/**
 * The payment provider as charge-payment and refund-payment see it: the port every adapter (one module
 * each, such as `sandbox-gateway.ts`) implements. Implementations throw
 * `PaymentProcessingError` (from @orderflow/domain) when the provider cannot answer right now, which the
 * workflow retries; anything else they throw is a failure of the task.
 */
export interface PaymentGateway {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}
