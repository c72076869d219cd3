import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { paymentRows } from "@orderflow/payments/testing";
import { describe, expect, it } from "vitest";
import { chargeSide } from "./charges";

const db = await useLocalTables(["payments", "gateway"]);
const { handler } = await import("../src/handler");
const rows = paymentRows(db);
const charges = chargeSide(db);
const { books } = charges;
const amount = { amount: 4999, currency: "EUR" };

describe("refund-payment handler on DynamoDB Local", () => {
  it("refunds a captured charge at the sandbox and marks the record REFUNDED", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    const captured = await rows.get(orderId);

    // Act
    const result = await handler({ orderId, executionId: "exec-1" });

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount });
    expect(await rows.get(orderId)).toEqual({
      ...captured,
      status: "REFUNDED",
      refundId: expect.stringMatching(/^re_sandbox_/),
      refundedAt: expect.any(String),
    });
    expect(await books.get(orderId)).toMatchObject({ status: "REFUNDED" });
  });

  it("releases a hold not yet captured and fences the record VOIDED", async () => {
    // Prepare
    const { orderId } = await charges.upTo("AUTHORIZED");

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "VOIDED", amount });
    expect(await rows.get(orderId)).toMatchObject({ status: "VOIDED", voidedAt: expect.any(String) });
    expect(await books.get(orderId)).toMatchObject({ status: "VOIDED" });
  });

  it("fences a charge the provider could not answer (PENDING), so that its retry takes nothing", async () => {
    // Prepare
    const { orderId } = await charges.upTo("PENDING");

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "VOIDED", amount });
    expect(await rows.get(orderId)).toMatchObject({ status: "VOIDED" });
  });

  it("refunds once when called twice: the second call reports the first refund", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    await handler({ orderId });
    const afterFirst = await rows.get(orderId);

    // Act
    const second = await handler({ orderId });

    // Assess
    expect(second).toEqual({ orderId, outcome: "ALREADY_REFUNDED", amount });
    expect(await rows.get(orderId)).toEqual(afterFirst);
  });

  it("records exactly one refund when runs overlap", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");

    // Act
    const results = await Promise.all([handler({ orderId }), handler({ orderId }), handler({ orderId })]);

    // Assess
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes).toEqual(["ALREADY_REFUNDED", "ALREADY_REFUNDED", "REFUNDED"]);
    expect((await rows.get(orderId))?.refundId).toBe((await books.get(orderId))?.refundId);
  });

  it("answers NOTHING_CAPTURED for an order never charged and leaves a VOIDED tombstone", async () => {
    // Prepare
    const orderId = newOrderId();

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toEqual({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(await rows.get(orderId)).toEqual({
      orderId,
      status: "VOIDED",
      voidedAt: expect.any(String),
      createdAt: expect.any(String),
    });
  });

  it("answers NOTHING_CAPTURED for a declined charge and leaves its record as it was", async () => {
    // Prepare
    const { orderId } = await charges.upTo("DECLINED");
    const declined = await rows.get(orderId);

    // Act
    const result = await handler({ orderId });

    // Assess
    expect(result).toMatchObject({ orderId, outcome: "NOTHING_CAPTURED" });
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
