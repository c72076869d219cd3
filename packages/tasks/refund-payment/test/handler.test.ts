import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import captured from "./fixtures/captured-payment.json" with { type: "json" };
import { paymentsRows } from "./payments";

const db = await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");
const { handler: charge } = await import("@orderflow/task-charge-payment/handler");
const rows = paymentsRows(db.client, db.names.payments);

async function capturedOrder(): Promise<string> {
  const orderId = newOrderId();
  await rows.put({ ...captured, orderId });
  return orderId;
}

describe("refund-payment handler on DynamoDB Local", () => {
  it("refunds a captured charge and marks the record REFUNDED", async () => {
    // Prepare
    const orderId = await capturedOrder();

    // Act
    const result = await handler({ orderId, executionId: "exec-1" });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
    expect(await rows.get(orderId)).toEqual({
      ...captured,
      orderId,
      status: "REFUNDED",
      refundId: expect.stringMatching(/^re_sandbox_/),
      refundedAt: expect.any(String),
    });
  });

  it("refunds a PENDING charge (an interrupted ChargePayment) by the order's charge key and marks it REFUNDED", async () => {
    // Prepare
    const orderId = newOrderId();
    const { chargeId: _, ...pending } = { ...captured, orderId, status: "PENDING" };
    await rows.put(pending);

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
    expect(await rows.get(orderId)).toEqual({
      ...pending,
      status: "REFUNDED",
      chargeId: expect.stringMatching(/^ch_sandbox_/),
      refundId: expect.stringMatching(/^re_sandbox_/),
      refundedAt: expect.any(String),
    });
  });

  it("refunds a charge whose gateway call failed after capture, once ChargePayment gave up", async () => {
    // Prepare
    const orderId = newOrderId();
    const order = { orderId, customerId: "c1", amount: captured.amount, paymentToken: "tok_processingError" };
    await expect(charge(order)).rejects.toMatchObject({ name: "PaymentProcessingError" });

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
  });

  it("refunds what charge-payment captured: both tasks read the payments row the same way", async () => {
    // Prepare
    const orderId = newOrderId();
    const charged = await charge({
      orderId,
      customerId: "c1",
      amount: captured.amount,
      paymentToken: "tok_visa",
    });

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: charged.amount });
    expect(await rows.get(orderId)).toMatchObject({ status: "REFUNDED", chargeId: charged.chargeId });
  });

  it("refunds once when called twice: the second call reports the first refund", async () => {
    // Prepare
    const orderId = await capturedOrder();
    await handler({ orderId });
    const afterFirst = await rows.get(orderId);

    // Act
    const second = await handler({ orderId });

    // Assess
    expect(second).toEqual({ orderId, outcome: "ALREADY_REFUNDED", amount: captured.amount });
    expect(await rows.get(orderId)).toEqual(afterFirst);
  });

  it("records exactly one refund when runs overlap", async () => {
    // Prepare
    const orderId = await capturedOrder();

    // Act
    const results = await Promise.all([handler({ orderId }), handler({ orderId }), handler({ orderId })]);

    // Assess
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes).toEqual(["ALREADY_REFUNDED", "ALREADY_REFUNDED", "REFUNDED"]);
    expect(await rows.get(orderId)).toMatchObject({ status: "REFUNDED" });
  });

  it("does nothing for an order that was never charged, and writes no record", async () => {
    // Prepare
    const orderId = newOrderId();

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(await rows.get(orderId)).toBeUndefined();
  });

  it("does nothing for a declined charge and leaves its record as it was", async () => {
    // Prepare
    const orderId = newOrderId();
    await expect(
      charge({ orderId, customerId: "c1", amount: captured.amount, paymentToken: "tok_chargeDeclined" }),
    ).rejects.toMatchObject({ name: "PaymentDeclined" });
    const declined = await rows.get(orderId);

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(await rows.get(orderId)).toEqual(declined);
  });

  it.each([
    ["a missing orderId", {}],
    ["a malformed orderId", { orderId: "not/valid" }],
  ])("rejects %s as a ValidationError naming orderId", async (_, event) => {
    // Act
    const attempt = handler(event);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [expect.objectContaining({ path: "orderId" })],
    });
  });
});
