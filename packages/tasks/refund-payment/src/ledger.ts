import type { PaymentRecord } from "@orderflow/task-charge-payment/payment-record";

/** What refund-payment writes when it refunds. */
export interface RefundEntry {
  readonly refundId: string;
  /** The refunded charge, as the gateway names it (a PENDING record has no charge id yet). */
  readonly chargeId: string;
  readonly refundedAt: string;
}

/** The payments table as refund-payment needs it. */
export interface RefundLedger {
  /** The order's record, read strongly consistent; undefined when the order was never charged. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /** Moves the order's record from CAPTURED or PENDING to REFUNDED; false (writing nothing) otherwise. */
  markRefunded(orderId: string, refund: RefundEntry): Promise<boolean>;
}
