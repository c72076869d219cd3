import { type Charge, describeIssues, formatIssues, Money, OrderId } from "@orderflow/domain";
import * as v from "valibot";

interface RecordBase {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: Money;
  readonly createdAt: string;
}

/**
 * One order's row in the payments table: our own ledger of the order's charge, in its current state.
 *
 * - PENDING: charge-payment is about to ask the provider for a hold (written first, so a charge the
 *   provider may have made is never unknown to the compensation);
 * - AUTHORIZED: the provider holds the amount (`chargeId`); nothing is taken yet;
 * - CAPTURED / DECLINED: the charge's outcome;
 * - VOIDED: refund-payment fenced the charge off before it was captured: a hold is released and no later
 *   run of charge-payment may capture. Written as a tombstone (without amount) when the order had no row;
 * - REFUNDED: a captured charge given back.
 */
export type PaymentRecord =
  | (RecordBase & { readonly status: "PENDING" })
  | (RecordBase & { readonly status: "AUTHORIZED"; readonly chargeId: string })
  | (RecordBase & { readonly status: "CAPTURED"; readonly chargeId: string })
  | (RecordBase & { readonly status: "DECLINED"; readonly declineReason: string })
  | (Partial<RecordBase> & {
      readonly orderId: string;
      readonly status: "VOIDED";
      readonly voidedAt: string;
      readonly chargeId?: string;
    })
  | (RecordBase & {
      readonly status: "REFUNDED";
      readonly chargeId: string;
      readonly refundId: string;
      readonly refundedAt: string;
    });
export type PaymentRowStatus = PaymentRecord["status"];
export type CapturedPayment = Extract<PaymentRecord, { status: "CAPTURED" }>;

const ROW_STATUSES = ["PENDING", "AUTHORIZED", "CAPTURED", "DECLINED", "VOIDED", "REFUNDED"] as const;

const text = v.optional(v.string());

/** Which fields each status needs beyond `orderId` and `status`. */
const REQUIRED_BY_STATUS: Readonly<Record<PaymentRowStatus, readonly string[]>> = {
  PENDING: ["customerId", "amount", "createdAt"],
  AUTHORIZED: ["customerId", "amount", "createdAt", "chargeId"],
  CAPTURED: ["customerId", "amount", "createdAt", "chargeId"],
  DECLINED: ["customerId", "amount", "createdAt", "declineReason"],
  VOIDED: ["voidedAt"],
  REFUNDED: ["customerId", "amount", "createdAt", "chargeId", "refundId", "refundedAt"],
};

// A flat object plus one check rather than a variant schema: it reuses the valibot parts every task
// bundles anyway, which keeps the Lambda bundles small.
const StoredPayment = v.pipe(
  v.object({
    orderId: OrderId,
    status: v.picklist(ROW_STATUSES),
    customerId: text,
    amount: v.optional(Money),
    createdAt: text,
    chargeId: text,
    declineReason: text,
    voidedAt: text,
    refundId: text,
    refundedAt: text,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const row: Record<string, unknown> = dataset.value;
    for (const field of REQUIRED_BY_STATUS[dataset.value.status]) {
      if (row[field] === undefined) addIssue({ message: `${field} is required for ${dataset.value.status}` });
    }
  }),
);

/**
 * Reads a stored row. A row that does not fit is a defect of ours, not of the caller's input, so it is a
 * plain Error rather than a ValidationError (which the workflow would treat as the order's fault).
 */
export function readPaymentRecord(item: Record<string, unknown>): PaymentRecord {
  const result = v.safeParse(StoredPayment, item);
  if (result.success) return result.output as PaymentRecord;
  const problems = formatIssues(describeIssues(result.issues));
  throw new Error(`payments row for order ${String(item.orderId)} is malformed: ${problems}`);
}

/** The charge a captured record stands for. */
export function chargeOf(record: CapturedPayment): Charge {
  const { orderId, chargeId, amount, status, createdAt } = record;
  return { orderId, chargeId, amount, status, createdAt };
}
