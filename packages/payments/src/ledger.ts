import type { PaymentRecord, PaymentRowStatus } from "./payment-record";

/** Fields a move sets besides the status: the charge id, the decline reason, the refund … */
export type RecordFields = Readonly<Record<string, string>>;

/** What `putFirst` found: its record written, or the one the order already had. */
export type FirstRecord =
  | { readonly written: true }
  | { readonly written: false; readonly existing: PaymentRecord };

/** The payments table as charge-payment and refund-payment need it. */
export interface PaymentLedger {
  /** The order's record, read strongly consistent; undefined when the order has none. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /**
   * Writes the order's first record; when the order already has one, writes nothing and answers that one
   * (learnt from the same request, so a first charge costs one write and no read).
   */
  putFirst(record: PaymentRecord): Promise<FirstRecord>;
  /**
   * Moves the order's record to `to` (setting `fields`) if its status is one of `from`; false (writing
   * nothing) otherwise. Every change after the first record is such a compare-and-set, so two runs racing
   * on one order can never both win a step.
   */
  move(
    orderId: string,
    from: readonly PaymentRowStatus[],
    to: PaymentRowStatus,
    fields?: RecordFields,
  ): Promise<boolean>;
}
