import { type ChargePaymentInput, PaymentDeclined, PaymentProcessingError } from "@orderflow/domain";
import type { PaymentRecord } from "@orderflow/payments";
import { scriptedGateway, scriptedPayments } from "@orderflow/payments/testing";
import { describe, expect, it } from "vitest";
import { chargePayment } from "../src/core";
import input from "./fixtures/charge-input.json" with { type: "json" };

const order: ChargePaymentInput = input;
const clock = new Date("2030-01-02T03:04:05.000Z");
const now = () => clock;
const pending: PaymentRecord = {
  orderId: order.orderId,
  customerId: order.customerId,
  amount: order.amount,
  status: "PENDING",
  createdAt: clock.toISOString(),
};
const captured: PaymentRecord = {
  orderId: order.orderId,
  customerId: order.customerId,
  amount: order.amount,
  status: "CAPTURED",
  chargeId: "ch_first",
  createdAt: "2029-12-31T00:00:00.000Z",
};

describe("chargePayment", () => {
  it("records the intent PENDING, then charges through the gateway keyed by the order id, and completes it", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_new" } });
    const ledger = scriptedPayments({ reads: [undefined] });

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(gateway.charge).toHaveBeenCalledExactlyOnceWith({
      idempotencyKey: order.orderId,
      customerId: order.customerId,
      amount: order.amount,
      paymentToken: order.paymentToken,
    });
    expect(ledger.putFirst).toHaveBeenCalledExactlyOnceWith(pending);
    expect(ledger.putFirst.mock.invocationCallOrder[0]).toBeLessThan(
      gateway.charge.mock.invocationCallOrder[0] ?? 0,
    );
    expect(ledger.complete).toHaveBeenCalledExactlyOnceWith({
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
    const gateway = scriptedGateway({ charge: { status: "DECLINED", reason: "insufficient_funds" } });
    const ledger = scriptedPayments({ reads: [undefined] });

    // Act
    const attempt = chargePayment(order, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toThrow(new PaymentDeclined("insufficient_funds"));
    await expect(attempt).rejects.toHaveProperty("reason", "insufficient_funds");
    expect(ledger.complete).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ status: "DECLINED", declineReason: "insufficient_funds" }),
    );
  });

  it("returns the first charge for a charged order without asking the gateway again", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_second" } });
    const ledger = scriptedPayments({ reads: [captured] });

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
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_second" } });
    const declined: PaymentRecord = { ...captured, status: "DECLINED", declineReason: "card_declined" };
    const ledger = scriptedPayments({ reads: [declined] });

    // Act
    const attempt = chargePayment({ ...order, paymentToken: "tok_visa" }, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toThrow(new PaymentDeclined("card_declined"));
    expect(gateway.charge).not.toHaveBeenCalled();
  });

  it("returns the record of a concurrent call that wrote first", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_first" } });
    const ledger = scriptedPayments({ reads: [undefined, captured], putFirst: false });

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(charge.createdAt).toBe(captured.createdAt);
    expect(ledger.get).toHaveBeenCalledTimes(2);
  });

  it("leaves the intent PENDING when the gateway cannot process the charge, so a refund still finds it", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: new PaymentProcessingError("try later") });
    const ledger = scriptedPayments({ reads: [undefined] });

    // Act
    const attempt = chargePayment(order, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PaymentProcessingError);
    expect(ledger.putFirst).toHaveBeenCalledExactlyOnceWith(pending);
    expect(ledger.complete).not.toHaveBeenCalled();
  });

  it("completes a PENDING charge by asking the gateway again for the recorded amount", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_first" } });
    const ledger = scriptedPayments({ reads: [{ ...pending, createdAt: captured.createdAt }] });

    // Act
    const charge = await chargePayment(
      { ...order, amount: { amount: 1, currency: "EUR" } },
      { gateway, ledger, now },
    );

    // Assess
    expect(gateway.charge).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ idempotencyKey: order.orderId, amount: order.amount }),
    );
    expect(ledger.putFirst).not.toHaveBeenCalled();
    expect(ledger.complete).toHaveBeenCalledExactlyOnceWith(captured);
    expect(charge).toMatchObject({ chargeId: "ch_first", status: "CAPTURED", createdAt: captured.createdAt });
  });

  it("returns the charge another run completed first when its completion loses", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_first" } });
    const ledger = scriptedPayments({ reads: [pending, captured], complete: false });

    // Act
    const charge = await chargePayment(order, { gateway, ledger, now });

    // Assess
    expect(charge).toMatchObject({ chargeId: "ch_first", createdAt: captured.createdAt });
  });

  it("refuses a refunded order with a plain Error instead of returning its charge", async () => {
    // Prepare
    const gateway = scriptedGateway({ charge: { status: "APPROVED", chargeId: "ch_second" } });
    const refunded: PaymentRecord = {
      ...captured,
      status: "REFUNDED",
      refundId: "re_1",
      refundedAt: "2030-01-01",
    };
    const ledger = scriptedPayments({ reads: [refunded] });

    // Act
    const attempt = chargePayment(order, { gateway, ledger, now });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "Error",
      message: expect.stringContaining("refunded"),
    });
    expect(gateway.charge).not.toHaveBeenCalled();
  });
});
