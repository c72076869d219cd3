import { vi } from "vitest";
import type { ChargeResult, PaymentGateway, RefundResult } from "../src/gateway";
import type { ChargeLedger, RefundLedger } from "../src/ledger";
import type { PaymentRecord } from "../src/payment-record";

/** What a {@link scriptedGateway} answers. */
export interface GatewayScript {
  /**
   * Every charge's answer, or the error every charge throws.
   * @default approved as `ch_1`
   */
  readonly charge?: ChargeResult | Error;
  /**
   * Every refund's answer, or the error every refund throws.
   * @default refunded as `re_1` of `ch_1`
   */
  readonly refund?: RefundResult | Error;
}

/** A gateway that answers as scripted and records what it was asked. */
export function scriptedGateway({
  charge = { status: "APPROVED", chargeId: "ch_1" },
  refund = { refundId: "re_1", chargeId: "ch_1" },
}: GatewayScript = {}) {
  const answer =
    <T>(result: T | Error) =>
    async () => {
      if (result instanceof Error) throw result;
      return result;
    };
  return {
    name: "scripted",
    charge: vi.fn<PaymentGateway["charge"]>(answer(charge)),
    refund: vi.fn<PaymentGateway["refund"]>(answer(refund)),
  } satisfies PaymentGateway;
}

/** What a {@link scriptedPayments} table answers. */
export interface PaymentsScript {
  /** What successive reads return (the last one repeats). */
  readonly reads: readonly (PaymentRecord | undefined)[];
  /**
   * Whether the first record's write succeeds.
   * @default true
   */
  readonly putFirst?: boolean;
  /**
   * Whether the completion succeeds.
   * @default true
   */
  readonly complete?: boolean;
  /**
   * Whether the refund's write succeeds.
   * @default true
   */
  readonly markRefunded?: boolean;
}

/**
 * A payments table for both sides whose reads return `reads` in turn and whose writes succeed or not as
 * told: enough to steer the cores through each branch without imitating DynamoDB.
 */
export function scriptedPayments({
  reads,
  putFirst = true,
  complete = true,
  markRefunded = true,
}: PaymentsScript) {
  let read = 0;
  return {
    get: vi.fn<ChargeLedger["get"]>(async () => reads[Math.min(read++, reads.length - 1)]),
    putFirst: vi.fn<ChargeLedger["putFirst"]>(async () => putFirst),
    complete: vi.fn<ChargeLedger["complete"]>(async () => complete),
    markRefunded: vi.fn<RefundLedger["markRefunded"]>(async () => markRefunded),
  } satisfies ChargeLedger & RefundLedger;
}
