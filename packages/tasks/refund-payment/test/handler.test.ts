import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoChargeLedger, type PaymentRecord } from "@orderflow/payments";
import { paymentRows } from "@orderflow/payments/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import captured from "./fixtures/captured-payment.json" with { type: "json" };

const db = await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");
const rows = paymentRows(db);
const charges = dynamoChargeLedger(documentClient(), db.names.payments);

/**
 * An order charged as charge-payment records it, through the charge side of the payments table: the
 * PENDING intent, then its completion with the gateway's answer (none: the gateway could not answer).
 */
async function chargedOrder(answer?: { chargeId: string } | { declineReason: string }) {
  const orderId = newOrderId();
  const pending = {
    orderId,
    customerId: "c1",
    amount: captured.amount,
    status: "PENDING" as const,
    createdAt: new Date().toISOString(),
  };
  await charges.putFirst(pending);
  if (!answer) return { orderId, record: pending };
  const record: PaymentRecord =
    "chargeId" in answer
      ? { ...pending, status: "CAPTURED", ...answer }
      : { ...pending, status: "DECLINED", ...answer };
  await charges.complete(record);
  return { orderId, record };
}

/** An order with the fixture's CAPTURED row, written as it is. */
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

  it("refunds an intent the charge side left PENDING when the gateway could not answer", async () => {
    // Prepare
    const { orderId } = await chargedOrder();

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: captured.amount });
  });

  it("refunds what the charge side of the payments table captured", async () => {
    // Prepare
    const { orderId, record } = await chargedOrder({ chargeId: "ch_captured" });

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: record.amount });
    expect(await rows.get(orderId)).toMatchObject({
      status: "REFUNDED",
      chargeId: "ch_captured",
    });
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
    const { orderId, record } = await chargedOrder({ declineReason: "card_declined" });

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(await rows.get(orderId)).toEqual(record);
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
