import type { PaymentRecord } from "./payment-record";

/** The payments table as charge-payment needs it. */
export interface ChargeLedger {
  /** The order's record, read strongly consistent; undefined when the order was never charged. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /** Writes the order's first record; false (writing nothing) when the order already has one. */
  putFirst(record: PaymentRecord): Promise<boolean>;
  /** Replaces the order's PENDING record with `record`; false (writing nothing) when it is not PENDING. */
  complete(record: PaymentRecord): Promise<boolean>;
}

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
