import type { RefundPaymentInput, RefundPaymentOutput } from "@orderflow/domain";
import type { PaymentDeps, PaymentLedger, PaymentRecord } from "@orderflow/payments";

export type RefundPaymentDeps = PaymentDeps;

/** The idempotency key of an order's refund; distinct from the charge's key, which is the order id. */
export function refundKeyOf(orderId: string): string {
  return `refund-${orderId}`;
}

type Outcome = RefundPaymentOutput["outcome"];

/**
 * A fence loses only to a change of the row, and the charge side changes it at most three times (intent,
 * hold or decline, capture); a change by another refund ends the next round. So four rounds always end.
 */
const FENCE_ROUNDS = 4;

/** The record as it is now, after a compare-and-set of ours lost to another run. */
async function reread(ledger: PaymentLedger, orderId: string): Promise<PaymentRecord> {
  const record = await ledger.get(orderId);
  if (!record) throw new Error(`payments row for order ${orderId} exists and vanished; retry the refund`);
  return record;
}

/**
 * Fences the order's charge off before it is captured: the record becomes VOIDED (a tombstone when the
 * order has none), which every later run of charge-payment respects. Returns the record as it was when
 * fenced, or undefined when there was nothing to fence (it had moved on: read it again).
 */
async function fence(orderId: string, deps: RefundPaymentDeps): Promise<PaymentRecord | "NONE" | undefined> {
  const voidedAt = deps.now().toISOString();
  const record = await deps.ledger.get(orderId);
  if (!record) {
    const tombstone = { orderId, status: "VOIDED" as const, voidedAt, createdAt: voidedAt };
    return (await deps.ledger.putFirst(tombstone)).written ? "NONE" : undefined;
  }
  if (record.status !== "PENDING" && record.status !== "AUTHORIZED") return record;
  return (await deps.ledger.move(orderId, [record.status], "VOIDED", { voidedAt })) ? record : undefined;
}

/** Gives a captured charge back and records it; the refund key makes a repeat refund once. */
async function giveBack(
  record: PaymentRecord & { chargeId: string },
  deps: RefundPaymentDeps,
): Promise<Outcome> {
  const { orderId, chargeId, amount } = record;
  if (!amount)
    throw new Error(`payments row for order ${orderId} names charge ${chargeId} without an amount`);
  const { refundId } = await deps.gateway.refund({
    chargeKey: orderId,
    chargeId,
    refundKey: refundKeyOf(orderId),
    amount,
  });
  const refundedAt = deps.now().toISOString();
  // CAPTURED, or VOIDED when the fence came a moment after the capture reached the provider.
  const fields = { chargeId, refundId, refundedAt };
  if (await deps.ledger.move(orderId, ["CAPTURED", "VOIDED"], "REFUNDED", fields)) return "REFUNDED";
  const now = await reread(deps.ledger, orderId);
  // An overlapping run recorded the same refund (the refund key made it one) first: it reports REFUNDED.
  if (now.status === "REFUNDED") return "ALREADY_REFUNDED";
  throw new Error(`payments row for order ${orderId} is ${now.status} after its refund was made; retry`);
}

/** What to do about a record that the fence left as it was, or that it just fenced. */
async function settle(record: PaymentRecord, fenced: boolean, deps: RefundPaymentDeps): Promise<Outcome> {
  switch (record.status) {
    case "CAPTURED":
      return giveBack(record, deps);
    case "REFUNDED":
      return "ALREADY_REFUNDED";
    case "DECLINED":
      return "NOTHING_CAPTURED";
    case "PENDING":
      // Fenced before the provider's answer was recorded: a hold it may have made is never captured (the
      // run that made it releases it on finding the fence) and lapses at the provider.
      return "VOIDED";
    case "AUTHORIZED":
    case "VOIDED": {
      if (!record.chargeId) return fenced ? "VOIDED" : "NOTHING_CAPTURED";
      // The hold is released, unless the capture reached the provider first: then it is given back.
      const answer = await deps.gateway.void({ chargeKey: record.orderId, chargeId: record.chargeId });
      return answer === "VOIDED" ? "VOIDED" : giveBack({ ...record, chargeId: record.chargeId }, deps);
    }
  }
}

/**
 * Compensation for ChargePayment: makes sure the order ends up charged nothing, whatever state its
 * charge is in and whatever else is still running. It first fences the charge off (a charge not yet
 * captured is VOIDED, so no later run of charge-payment can capture it; an order without a charge gets a
 * VOIDED tombstone), then releases a hold at the provider, or refunds a capture in full, once (the refund
 * key makes a repeat refund once, and the record moves to REFUNDED by compare-and-set).
 *
 * @throws PaymentProcessingError when the provider cannot answer right now; the workflow retries it.
 */
export async function refundPayment(
  { orderId }: RefundPaymentInput,
  deps: RefundPaymentDeps,
): Promise<RefundPaymentOutput> {
  for (let round = 0; round < FENCE_ROUNDS; round++) {
    const fenced = await fence(orderId, deps);
    if (fenced === "NONE") return { orderId, outcome: "NOTHING_CAPTURED" };
    if (fenced === undefined) continue;
    const wasFenced = fenced.status === "PENDING" || fenced.status === "AUTHORIZED";
    const outcome = await settle(fenced, wasFenced, deps);
    return { orderId, outcome, ...(fenced.amount && { amount: fenced.amount }) };
  }
  throw new Error(`the payments row of order ${orderId} kept changing under the refund; retry`);
}
