import { type Charge, describeIssues, Money, OrderId } from "@orderflow/domain";
import * as v from "valibot";

const recordBase = {
  orderId: OrderId,
  customerId: v.string(),
  amount: Money,
  createdAt: v.string(),
};

/**
 * One order's row in the payments table, in its current state. charge-payment writes it once (CAPTURED
 * or DECLINED); refund-payment moves CAPTURED to REFUNDED. The row is the local ledger of the charge.
 */
export const PaymentRecord = v.variant("status", [
  v.object({ ...recordBase, status: v.literal("CAPTURED"), chargeId: v.string() }),
  v.object({ ...recordBase, status: v.literal("DECLINED"), declineReason: v.string() }),
  v.object({
    ...recordBase,
    status: v.literal("REFUNDED"),
    chargeId: v.string(),
    refundId: v.string(),
    refundedAt: v.string(),
  }),
]);
export type PaymentRecord = v.InferOutput<typeof PaymentRecord>;
export type CapturedPayment = Extract<PaymentRecord, { status: "CAPTURED" }>;

/**
 * Reads a stored row. A row that does not fit is a defect of ours, not of the caller's input, so it is a
 * plain Error rather than a ValidationError (which the workflow would treat as the order's fault).
 */
export function readPaymentRecord(item: Record<string, unknown>): PaymentRecord {
  const result = v.safeParse(PaymentRecord, item);
  if (result.success) return result.output;
  const problems = describeIssues(result.issues)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  throw new Error(`payments row for order ${String(item.orderId)} is malformed: ${problems}`);
}

/** The charge a captured or refunded record stands for. */
export function chargeOf(record: Exclude<PaymentRecord, { status: "DECLINED" }>): Charge {
  const { orderId, chargeId, amount, status, createdAt } = record;
  return { orderId, chargeId, amount, status, createdAt };
}
