import type { PaymentGateway } from "@orderflow/task-charge-payment/gateway";
import type { PaymentRecord } from "@orderflow/task-charge-payment/payment-record";
import { vi } from "vitest";
import type { RefundLedger } from "../src/ledger";

/** A gateway that refunds (re_1 of ch_1), or throws `failure`, and records what it was asked. */
export function scriptedGateway(failure?: Error) {
  const refund = vi.fn<PaymentGateway["refund"]>(async () => {
    if (failure) throw failure;
    return { refundId: "re_1", chargeId: "ch_1" };
  });
  const charge = vi.fn<PaymentGateway["charge"]>();
  return { name: "scripted", charge, refund } satisfies PaymentGateway;
}

/** A ledger whose reads return `reads` in turn (the last one repeats) and whose write succeeds or not as told. */
export function scriptedLedger(reads: readonly (PaymentRecord | undefined)[], markSucceeds = true) {
  let read = 0;
  const get = vi.fn<RefundLedger["get"]>(async () => reads[Math.min(read++, reads.length - 1)]);
  const markRefunded = vi.fn<RefundLedger["markRefunded"]>(async () => markSucceeds);
  return { get, markRefunded } satisfies RefundLedger;
}
