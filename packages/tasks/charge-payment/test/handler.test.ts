import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { paymentRows, sandboxBooks } from "@orderflow/payments/testing";
import { captureLogs } from "@orderflow/task-kit/testing";
import { describe, expect, it } from "vitest";
import input from "./fixtures/charge-input.json" with { type: "json" };

const db = await useLocalTables(["payments", "gateway"]);
const { handler } = await import("../src/handler");
const rows = paymentRows(db);
const books = sandboxBooks(db);

const orderWith = (paymentToken: string) => ({ ...input, orderId: newOrderId(), paymentToken });
const rowsOf = (orderId: string) => rows.all(orderId);

describe("charge-payment handler on DynamoDB Local", () => {
  it("captures an approved card, records the charge, and the sandbox's books show the capture", async () => {
    // Prepare
    const order = orderWith("tok_visa");

    // Act
    const charge = await handler({ ...order, executionId: "exec-1" });

    // Assess
    expect(charge).toEqual({
      orderId: order.orderId,
      chargeId: expect.stringMatching(/^ch_sandbox_/),
      amount: order.amount,
      status: "CAPTURED",
      createdAt: expect.any(String),
    });
    expect(await rowsOf(order.orderId)).toEqual([{ ...charge, customerId: order.customerId }]);
    expect(await books.get(order.orderId)).toMatchObject({ chargeId: charge.chargeId, status: "CAPTURED" });
  });

  it.each([
    ["tok_chargeDeclined", "card_declined"],
    ["tok_insufficientFunds", "insufficient_funds"],
    ["tok_unknownCard", "unknown_test_card"],
  ])("declines %s with PaymentDeclined (%s) and records the decline", async (token, reason) => {
    // Prepare
    const order = orderWith(token);

    // Act
    const attempt = handler(order);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "PaymentDeclined", reason });
    expect(await rowsOf(order.orderId)).toEqual([
      expect.objectContaining({ orderId: order.orderId, status: "DECLINED", declineReason: reason }),
    ]);
  });

  it("records the charge as PENDING before asking the gateway, so a failed attempt leaves it refundable", async () => {
    // Prepare
    const order = orderWith("tok_processingError");

    // Act
    const attempts = await Promise.allSettled([handler(order), handler(order)]);

    // Assess
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "rejected", reason: { name: "PaymentProcessingError" } });
    }
    expect(await rowsOf(order.orderId)).toEqual([
      expect.objectContaining({ orderId: order.orderId, status: "PENDING", amount: order.amount }),
    ]);
  });

  it("completes a PENDING charge on retry with the same charge and one record", async () => {
    // Prepare
    const order = orderWith("tok_processingError");
    await expect(handler(order)).rejects.toMatchObject({ name: "PaymentProcessingError" });

    // Act
    const charge = await handler({ ...order, paymentToken: "tok_visa" });

    // Assess
    expect(charge).toMatchObject({ orderId: order.orderId, status: "CAPTURED", amount: order.amount });
    expect(await rowsOf(order.orderId)).toEqual([{ ...charge, customerId: order.customerId }]);
  });

  it("refuses, as a failure and not a charge, an order whose charge was refunded", async () => {
    // Prepare
    const order = orderWith("tok_visa");
    const charge = await handler(order);
    await rows.put({
      ...charge,
      customerId: order.customerId,
      status: "REFUNDED",
      refundId: "re_1",
      refundedAt: "2030-01-01T00:00:00.000Z",
    });

    // Act
    const repeat = handler(order);

    // Assess
    await expect(repeat).rejects.toMatchObject({
      name: "Error",
      message: expect.stringContaining("is REFUNDED: the order was compensated"),
    });
  });

  it("refuses, asking the provider nothing, an order the compensation fenced off before any charge", async () => {
    // Prepare
    const order = orderWith("tok_visa");
    await rows.put({ orderId: order.orderId, status: "VOIDED", voidedAt: "2030-01-01T00:00:00.000Z" });

    // Act
    const late = handler(order);

    // Assess
    await expect(late).rejects.toMatchObject({
      name: "Error",
      message: expect.stringContaining("is VOIDED: the order was compensated"),
    });
    expect(await books.get(order.orderId)).toBeUndefined();
  });

  it("returns the first charge when called twice and keeps one record", async () => {
    // Prepare
    const order = orderWith("tok_visa");
    const first = await handler(order);

    // Act
    const second = await handler({ ...order, amount: { amount: 1, currency: "EUR" } });

    // Assess
    expect(second).toEqual(first);
    expect(await rowsOf(order.orderId)).toHaveLength(1);
  });

  it("throws the first decline again for a declined order, even with a good card now", async () => {
    // Prepare
    const order = orderWith("tok_insufficientFunds");
    await expect(handler(order)).rejects.toMatchObject({ name: "PaymentDeclined" });

    // Act
    const repeat = handler({ ...order, paymentToken: "tok_visa" });

    // Assess
    await expect(repeat).rejects.toMatchObject({ name: "PaymentDeclined", reason: "insufficient_funds" });
    expect(await rowsOf(order.orderId)).toEqual([expect.objectContaining({ status: "DECLINED" })]);
  });

  it("makes one charge out of concurrent calls for the same order", async () => {
    // Prepare
    const order = orderWith("tok_visa");

    // Act
    const charges = await Promise.all([handler(order), handler(order), handler(order), handler(order)]);

    // Assess
    const stored = await rowsOf(order.orderId);
    expect(stored).toHaveLength(1);
    const { customerId: _, ...row } = stored[0] ?? {};
    for (const charge of charges) expect(charge).toStrictEqual(row);
    expect(await books.get(order.orderId)).toMatchObject({ chargeId: row.chargeId, status: "CAPTURED" });
  });

  it.each([
    ["amount.amount", { amount: { amount: -5, currency: "EUR" } }],
    ["amount.currency", { amount: { amount: 5, currency: "EURO" } }],
    ["paymentToken", { paymentToken: undefined }],
    ["orderId", { orderId: "has spaces" }],
  ])("rejects an input with a bad %s as a ValidationError naming that field", async (field, change) => {
    // Prepare
    const order = { ...orderWith("tok_visa"), ...change };

    // Act
    const attempt = handler(order);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [expect.objectContaining({ path: field })],
    });
  });

  it("logs the order id but never the card token", async () => {
    // Prepare
    const order = orderWith("tok_chargeDeclined");
    const logs = captureLogs();

    // Act
    await handler(order).catch(() => undefined);
    await handler(orderWith("tok_processingError")).catch(() => undefined);

    // Assess
    logs.restore();
    expect(logs.records().map((record) => record.orderId)).toContain(order.orderId);
    expect(logs.text()).not.toMatch(/tok_/);
  });
});
