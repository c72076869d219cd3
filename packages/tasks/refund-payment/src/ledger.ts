import type { PaymentRecord } from "@orderflow/task-charge-payment/payment-record";

/** What refund-payment writes when it refunds. */
export interface RefundEntry {
  readonly refundId: string;
  readonly refundedAt: string;
}

/** The payments table as refund-payment needs it. */
export interface RefundLedger {
  /** The order's record, read strongly consistent; undefined when the order was never charged. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /** Moves the order's record from CAPTURED to REFUNDED; false (writing nothing) when it is not CAPTURED. */
  markRefunded(orderId: string, refund: RefundEntry): Promise<boolean>;
}
