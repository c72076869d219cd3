import { PaymentProcessingError } from "@orderflow/domain";
import type { PaymentRecord } from "@orderflow/payments";
import { scriptedGateway, scriptedPayments } from "@orderflow/payments/testing";
import { describe, expect, it } from "vitest";
import { refundPayment } from "../src/core";
import fixture from "./fixtures/captured-payment.json" with { type: "json" };

const captured = { ...fixture, status: "CAPTURED" } as const satisfies PaymentRecord;
const refunded: PaymentRecord = {
  ...captured,
  status: "REFUNDED",
  refundId: "re_0",
  refundedAt: "2030-01-02T00:00:00.000Z",
};
const declined: PaymentRecord = { ...fixture, status: "DECLINED", declineReason: "card_declined" };
const { orderId } = captured;
const clock = new Date("2030-02-03T04:05:06.000Z");
const now = () => clock;

describe("refundPayment", () => {
  it("refunds a captured charge in full through the gateway and records the refund", async () => {
    // Prepare
    const gateway = scriptedGateway();
    const ledger = scriptedPayments({ reads: [captured] });

    // Act
    const result = await refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    expect(gateway.refund).toHaveBeenCalledExactlyOnceWith({
      idempotencyKey: `refund-${orderId}`,
      chargeKey: orderId,
      chargeId: captured.chargeId,
      amount: captured.amount,
    });
    expect(ledger.markRefunded).toHaveBeenCalledExactlyOnceWith(orderId, {
      refundId: "re_1",
      chargeId: "ch_1",
      refundedAt: clock.toISOString(),
    });
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
  });

  it("refunds a PENDING charge by the order's charge key, since the provider may have captured it", async () => {
    // Prepare
    const { chargeId: _, ...rest } = captured;
    const gateway = scriptedGateway();
    const ledger = scriptedPayments({ reads: [{ ...rest, status: "PENDING" }] });

    // Act
    const result = await refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    expect(gateway.refund).toHaveBeenCalledExactlyOnceWith({
      idempotencyKey: `refund-${orderId}`,
      chargeKey: orderId,
      amount: captured.amount,
    });
    expect(ledger.markRefunded).toHaveBeenCalledExactlyOnceWith(
      orderId,
      expect.objectContaining({ chargeId: "ch_1" }),
    );
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
  });

  it.each([
    ["no record", undefined],
    ["a declined charge", declined],
  ])("does nothing for %s", async (_, record) => {
    // Prepare
    const gateway = scriptedGateway();
    const ledger = scriptedPayments({ reads: [record] });

    // Act
    const result = await refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    expect(result).toEqual({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(gateway.refund).not.toHaveBeenCalled();
    expect(ledger.markRefunded).not.toHaveBeenCalled();
  });

  it("reports an earlier refund with its amount and refunds nothing more", async () => {
    // Prepare
    const gateway = scriptedGateway();
    const ledger = scriptedPayments({ reads: [refunded] });

    // Act
    const result = await refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    expect(result).toEqual({ orderId, outcome: "ALREADY_REFUNDED", amount: captured.amount });
    expect(gateway.refund).not.toHaveBeenCalled();
  });

  it("reports a refund a concurrent run recorded first", async () => {
    // Prepare
    const gateway = scriptedGateway();
    const ledger = scriptedPayments({ reads: [captured, refunded], markRefunded: false });

    // Act
    const result = await refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    expect(result.outcome).toBe("ALREADY_REFUNDED");
    expect(ledger.get).toHaveBeenCalledTimes(2);
  });

  it("fails when the record is still captured after a refused write, rather than claim a refund", async () => {
    // Prepare
    const ledger = scriptedPayments({ reads: [captured], markRefunded: false });

    // Act
    const attempt = refundPayment({ orderId }, { gateway: scriptedGateway(), ledger, now });

    // Assess
    await expect(attempt).rejects.toThrow(`payments row for order ${orderId} stayed CAPTURED`);
  });

  it("lets a transient gateway failure through, recording nothing, so the workflow retries", async () => {
    // Prepare
    const gateway = scriptedGateway({ refund: new PaymentProcessingError("try later") });
    const ledger = scriptedPayments({ reads: [captured] });

    // Act
    const attempt = refundPayment({ orderId }, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PaymentProcessingError);
    expect(ledger.markRefunded).not.toHaveBeenCalled();
  });
});
