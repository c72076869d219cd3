import {
  type Charge,
  describeIssues,
  formatIssues,
  Money,
  OrderId,
  PAYMENT_STATUSES,
} from "@orderflow/domain";
import * as v from "valibot";

interface RecordBase {
  readonly orderId: string;
  readonly customerId: string;
  readonly amount: Money;
  readonly createdAt: string;
}

/**
 * One order's row in the payments table, in its current state. charge-payment writes it PENDING before
 * it asks the gateway and then completes it once (CAPTURED or DECLINED); refund-payment moves PENDING or
 * CAPTURED to REFUNDED. The row is the local ledger of the charge: a PENDING row is a charge that may have
 * been captured, so it is never forgotten by the compensation.
 */
export type PaymentRecord =
  | (RecordBase & { readonly status: "PENDING" })
  | (RecordBase & { readonly status: "CAPTURED"; readonly chargeId: string })
  | (RecordBase & { readonly status: "DECLINED"; readonly declineReason: string })
  | (RecordBase & {
      readonly status: "REFUNDED";
      readonly chargeId: string;
      readonly refundId: string;
      readonly refundedAt: string;
    });
export type CapturedPayment = Extract<PaymentRecord, { status: "CAPTURED" }>;

// PENDING is a row state only, never a charge outcome, so it stays out of the domain's PaymentStatus.
const ROW_STATUSES = ["PENDING", ...PAYMENT_STATUSES] as const;
type RowStatus = (typeof ROW_STATUSES)[number];

const text = v.optional(v.string());

/** Which fields each status needs beyond the common ones. */
const REQUIRED_BY_STATUS: Readonly<Record<RowStatus, readonly string[]>> = {
  PENDING: [],
  CAPTURED: ["chargeId"],
  DECLINED: ["declineReason"],
  REFUNDED: ["chargeId", "refundId", "refundedAt"],
};

// A flat object plus one check rather than a variant schema: it reuses the valibot parts every task
// bundles anyway, which keeps the Lambda bundles small.
const StoredPayment = v.pipe(
  v.object({
    orderId: OrderId,
    customerId: v.string(),
    amount: Money,
    createdAt: v.string(),
    status: v.picklist(ROW_STATUSES),
    chargeId: text,
    declineReason: text,
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
