import type { RefundPaymentInput, RefundPaymentOutput } from "@orderflow/domain";
import type { PaymentGateway, PaymentRecord, RefundLedger } from "@orderflow/payments";

export interface RefundPaymentDeps {
  readonly gateway: PaymentGateway;
  readonly ledger: RefundLedger;
  /** The clock that stamps `refundedAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

/** The idempotency key of an order's refund; distinct from the charge's key, which is the order id. */
export function refundKeyOf(orderId: string): string {
  return `refund-${orderId}`;
}

/** A record whose charge may have been captured: CAPTURED, or PENDING (an interrupted ChargePayment). */
type Refundable = Extract<PaymentRecord, { status: "CAPTURED" | "PENDING" }>;
type Uncaptured = Exclude<PaymentRecord, Refundable>;

const isRefundable = (record: PaymentRecord | undefined): record is Refundable =>
  record?.status === "CAPTURED" || record?.status === "PENDING";

/** The answer for a record that needs no refund (now). */
function settledOutcome(orderId: string, record: Uncaptured | undefined): RefundPaymentOutput {
  return record?.status === "REFUNDED"
    ? { orderId, outcome: "ALREADY_REFUNDED", amount: record.amount }
    : { orderId, outcome: "NOTHING_CAPTURED" };
}

/**
 * Compensation for ChargePayment: refunds the order's charge in full, once. A PENDING record is refunded
 * like a CAPTURED one: ChargePayment may have been captured by the provider and then failed or died, and
 * the gateway names that charge by its key (the order id). The gateway refund is keyed per order, so a
 * retry or a concurrent run refunds once at the provider; the conditional (PENDING | CAPTURED) → REFUNDED
 * write then records it exactly once. Nothing captured (no record, or a decline) is a no-op, because the
 * saga runs this step whether or not the charge happened.
 *
 * @throws PaymentProcessingError when the gateway cannot refund right now; the workflow retries it.
 */
export async function refundPayment(
  { orderId }: RefundPaymentInput,
  deps: RefundPaymentDeps,
): Promise<RefundPaymentOutput> {
  const record = await deps.ledger.get(orderId);
  if (!isRefundable(record)) return settledOutcome(orderId, record);

  const { refundId, chargeId } = await deps.gateway.refund({
    idempotencyKey: refundKeyOf(orderId),
    chargeKey: orderId,
    ...(record.status === "CAPTURED" && { chargeId: record.chargeId }),
    amount: record.amount,
  });
  if (await deps.ledger.markRefunded(orderId, { refundId, chargeId, refundedAt: deps.now().toISOString() })) {
    return { orderId, outcome: "REFUNDED", amount: record.amount };
  }
  // Another run recorded the same refund between our read and our write.
  const after = await deps.ledger.get(orderId);
  if (isRefundable(after)) {
    throw new Error(
      `payments row for order ${orderId} stayed ${after.status} after its refund was recorded; retry`,
    );
  }
  return settledOutcome(orderId, after);
}
