import type { PaymentRecord } from "./payment-record";

/** The payments table as charge-payment needs it. */
export interface PaymentLedger {
  /** The order's record, read strongly consistent; undefined when the order was never charged. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /** Writes the order's first record; false (writing nothing) when the order already has one. */
  putFirst(record: PaymentRecord): Promise<boolean>;
  /** Replaces the order's PENDING record with `record`; false (writing nothing) when it is not PENDING. */
  complete(record: PaymentRecord): Promise<boolean>;
}
