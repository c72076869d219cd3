import { vi } from "vitest";
import type { Authorization, PaymentGateway, RefundResult } from "../src/gateway";

/** What a {@link scriptedGateway} answers; an Error is thrown instead of answering. */
export interface GatewayScript {
  /** @default authorized as `ch_1` */
  readonly authorize?: Authorization | Error;
  /** @default captured */
  readonly capture?: undefined | Error;
  /** @default "VOIDED" */
  readonly void?: "VOIDED" | "CAPTURED" | Error;
  /** @default refunded as `re_1` */
  readonly refund?: RefundResult | Error;
}

/**
 * A gateway that answers as scripted and records what it was asked: for provider behaviour the sandbox
 * cannot show (an outage, an answer it would never give). Prefer the sandbox on DynamoDB Local otherwise.
 */
export function scriptedGateway(script: GatewayScript = {}) {
  const answer =
    <T>(result: T | Error) =>
    async () => {
      if (result instanceof Error) throw result;
      return result;
    };
  return {
    name: "scripted",
    authorize: vi.fn<PaymentGateway["authorize"]>(
      answer(script.authorize ?? { status: "AUTHORIZED", chargeId: "ch_1" }),
    ),
    capture: vi.fn<PaymentGateway["capture"]>(answer(script.capture)),
    void: vi.fn<PaymentGateway["void"]>(answer(script.void ?? "VOIDED")),
    refund: vi.fn<PaymentGateway["refund"]>(answer(script.refund ?? { refundId: "re_1" })),
  } satisfies PaymentGateway;
}
