import { type ChargePaymentInput, PaymentDeclined, PaymentProcessingError } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { chargePayment } from "../src/core";
import type { PaymentRecord } from "../src/payment-record";
import { scriptedGateway, scriptedLedger } from "./doubles";
import input from "./fixtures/charge-input.json" with { type: "json" };

const order: ChargePaymentInput = input;
const clock = new Date("2030-01-02T03:04:05.000Z");
const now = () => clock;
const captured: PaymentRecord = {
  orderId: order.orderId,
  customerId: order.customerId,
  amount: order.amount,
  status: "CAPTURED",
  chargeId: "ch_first",
  createdAt: "2029-12-31T00:00:00.000Z",
};

describe("chargePayment", () => {
  it("charges a new order through the gateway, keyed by the order id, and records the capture", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "APPROVED", chargeId: "ch_new" });
    const ledger = scriptedLedger([undefined]);

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(gateway.charge).toHaveBeenCalledExactlyOnceWith({
      idempotencyKey: order.orderId,
      customerId: order.customerId,
      amount: order.amount,
      paymentToken: order.paymentToken,
    });
    expect(ledger.putFirst).toHaveBeenCalledExactlyOnceWith({
      ...captured,
      chargeId: "ch_new",
      createdAt: clock.toISOString(),
    });
    expect(charge).toEqual({
      orderId: order.orderId,
      chargeId: "ch_new",
      amount: order.amount,
      status: "CAPTURED",
      createdAt: clock.toISOString(),
    });
  });

  it("records a decline with its reason and throws PaymentDeclined", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "DECLINED", reason: "insufficient_funds" });
    const ledger = scriptedLedger([undefined]);

    // Act
    const attempt = chargePayment(order, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toThrow(new PaymentDeclined("insufficient_funds"));
    await expect(attempt).rejects.toHaveProperty("reason", "insufficient_funds");
    expect(ledger.putFirst).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ status: "DECLINED", declineReason: "insufficient_funds" }),
    );
  });

  it("returns the first charge for a charged order without asking the gateway again", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "APPROVED", chargeId: "ch_second" });
    const ledger = scriptedLedger([captured]);

    // Act
    const charge = await chargePayment(
      { ...order, amount: { amount: 1, currency: "EUR" } },
      { gateway, ledger, now },
    );

    // Assess
    expect(charge.chargeId).toBe("ch_first");
    expect(charge.amount).toEqual(order.amount);
    expect(gateway.charge).not.toHaveBeenCalled();
    expect(ledger.putFirst).not.toHaveBeenCalled();
  });

  it("throws the first decline again for a declined order without asking the gateway", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "APPROVED", chargeId: "ch_second" });
    const declined: PaymentRecord = { ...captured, status: "DECLINED", declineReason: "card_declined" };
    const ledger = scriptedLedger([declined]);

    // Act
    const attempt = chargePayment({ ...order, paymentToken: "tok_visa" }, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toThrow(new PaymentDeclined("card_declined"));
    expect(gateway.charge).not.toHaveBeenCalled();
  });

  it("returns the record of a concurrent call that wrote first", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "APPROVED", chargeId: "ch_first" });
    const ledger = scriptedLedger([undefined, captured], false);

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(charge.createdAt).toBe(captured.createdAt);
    expect(ledger.get).toHaveBeenCalledTimes(2);
  });

  it("records nothing when the gateway cannot process the charge, so a retry charges afresh", async () => {
    // Prepare
    const gateway = scriptedGateway(new PaymentProcessingError("try later"));
    const ledger = scriptedLedger([undefined]);

    // Act
    const attempt = chargePayment(order, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PaymentProcessingError);
    expect(ledger.putFirst).not.toHaveBeenCalled();
  });

  it("returns a refunded order's charge with its REFUNDED status instead of charging again", async () => {
    // Prepare
    const gateway = scriptedGateway({ status: "APPROVED", chargeId: "ch_second" });
    const refunded: PaymentRecord = {
      ...captured,
      status: "REFUNDED",
      refundId: "re_1",
      refundedAt: "2030-01-01",
    };
    const ledger = scriptedLedger([refunded]);

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(charge).toMatchObject({ chargeId: "ch_first", status: "REFUNDED" });
    expect(gateway.charge).not.toHaveBeenCalled();
  });
});
