import { vi } from "vitest";
import type { ChargeResult, PaymentGateway } from "../src/gateway";
import type { PaymentLedger } from "../src/ledger";
import type { PaymentRecord } from "../src/payment-record";

/** A gateway that answers every charge with `result` and records what it was asked. */
export function scriptedGateway(result: ChargeResult | Error) {
  const charge = vi.fn<PaymentGateway["charge"]>(async () => {
    if (result instanceof Error) throw result;
    return result;
  });
  const refund = vi.fn<PaymentGateway["refund"]>(async () => ({ refundId: "re_1", chargeId: "ch_1" }));
  return { name: "scripted", charge, refund } satisfies PaymentGateway;
}

/**
 * A ledger whose reads return `reads` in turn (the last one repeats) and whose first write and completion
 * succeed or not as told: enough to steer the core through each branch without imitating DynamoDB.
 */
export function scriptedLedger(
  reads: readonly (PaymentRecord | undefined)[],
  putSucceeds = true,
  completeSucceeds = true,
) {
  let read = 0;
  const get = vi.fn<PaymentLedger["get"]>(async () => reads[Math.min(read++, reads.length - 1)]);
  const putFirst = vi.fn<PaymentLedger["putFirst"]>(async () => putSucceeds);
  const complete = vi.fn<PaymentLedger["complete"]>(async () => completeSucceeds);
  return { get, putFirst, complete } satisfies PaymentLedger;
}
