import { PaymentProcessingError } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { chargeOnce, dynamoPaymentLedger, sandboxGateway } from "@orderflow/payments";
import { meanwhile, paymentRows } from "@orderflow/payments/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it, vi } from "vitest";
import { type RefundPaymentDeps, refundKeyOf, refundPayment } from "../src/core";
import { CHARGED_AT, chargeSide } from "./charges";

const db = await useLocalTables(["payments", "gateway"]);
const charges = chargeSide(db);
const { books } = charges;
const rows = paymentRows(db);
const clock = new Date("2030-02-03T04:05:06.000Z");
const amount = { amount: 4999, currency: "EUR" };

/** The real payments table and a fresh sandbox on DynamoDB Local, so a test may spy on either. */
const realDeps = (): RefundPaymentDeps => ({
  gateway: sandboxGateway(books.ledger),
  ledger: dynamoPaymentLedger(documentClient(), db.names.payments),
  now: () => clock,
});
const refund = (orderId: string, deps = realDeps()) => refundPayment({ orderId }, deps);

describe("refundPayment of a charge at rest", () => {
  it("refunds a captured charge in full by the order's refund key and records the refund", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    const deps = realDeps();
    vi.spyOn(deps.gateway, "refund");
    const before = await rows.get(orderId);

    // Act
    const result = await refund(orderId, deps);

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount });
    const booked = await books.get(orderId);
    expect(deps.gateway.refund).toHaveBeenCalledExactlyOnceWith({
      chargeKey: orderId,
      chargeId: before?.chargeId,
      refundKey: refundKeyOf(orderId),
      amount,
    });
    expect(await rows.get(orderId)).toEqual({
      ...before,
      status: "REFUNDED",
      refundId: booked?.refundId,
      refundedAt: clock.toISOString(),
    });
    expect(await books.net(orderId)).toBe(0);
  });

  it("answers a repeat with ALREADY_REFUNDED and the amount, and gives nothing back again", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    await refund(orderId);
    const after = { row: await rows.get(orderId), books: await books.get(orderId) };
    const deps = realDeps();
    vi.spyOn(deps.gateway, "refund");

    // Act
    const repeat = await refund(orderId, deps);

    // Assess
    expect(repeat).toEqual({ orderId, outcome: "ALREADY_REFUNDED", amount });
    expect(deps.gateway.refund).not.toHaveBeenCalled();
    expect({ row: await rows.get(orderId), books: await books.get(orderId) }).toEqual(after);
  });

  it("fences a hold not yet captured and releases it: VOIDED, and a repeat finds it so", async () => {
    // Prepare
    const { orderId } = await charges.upTo("AUTHORIZED");
    const held = await rows.get(orderId);

    // Act
    const first = await refund(orderId);
    const repeat = await refund(orderId);

    // Assess
    expect([first, repeat]).toEqual([
      { orderId, outcome: "VOIDED", amount },
      { orderId, outcome: "VOIDED", amount },
    ]);
    expect(await rows.get(orderId)).toEqual({ ...held, status: "VOIDED", voidedAt: clock.toISOString() });
    expect(await books.get(orderId)).toMatchObject({ status: "VOIDED" });
  });

  it("fences a charge whose outcome is unknown (PENDING) so that no run can take it; a repeat finds nothing captured", async () => {
    // Prepare
    const order = await charges.upTo("PENDING");

    // Act
    const first = await refund(order.orderId);
    const repeat = await refund(order.orderId);
    const lateCharge = await chargeOnce({ ...order, paymentToken: "tok_visa" }, charges.deps());

    // Assess
    expect(first).toEqual({ orderId: order.orderId, outcome: "VOIDED", amount });
    expect(repeat).toEqual({ orderId: order.orderId, outcome: "NOTHING_CAPTURED", amount });
    expect(lateCharge).toMatchObject({ status: "VOIDED", voidedAt: clock.toISOString() });
    expect(await books.get(order.orderId)).toBeUndefined();
  });

  it("answers NOTHING_CAPTURED for an order never charged and leaves a tombstone that stops a later charge", async () => {
    // Prepare
    const order = charges.order();

    // Act
    const first = await refund(order.orderId);
    const repeat = await refund(order.orderId);
    const lateCharge = await chargeOnce(order, charges.deps());

    // Assess
    expect([first, repeat]).toEqual([
      { orderId: order.orderId, outcome: "NOTHING_CAPTURED" },
      { orderId: order.orderId, outcome: "NOTHING_CAPTURED" },
    ]);
    const tombstone = {
      orderId: order.orderId,
      status: "VOIDED",
      voidedAt: clock.toISOString(),
      createdAt: clock.toISOString(),
    };
    expect(await rows.get(order.orderId)).toEqual(tombstone);
    expect(lateCharge).toEqual(tombstone);
    expect(await books.get(order.orderId)).toBeUndefined();
  });

  it("answers NOTHING_CAPTURED for a declined charge and leaves its row as it was", async () => {
    // Prepare
    const { orderId } = await charges.upTo("DECLINED");
    const declined = await rows.get(orderId);

    // Act
    const result = await refund(orderId);

    // Assess
    expect(result).toMatchObject({ orderId, outcome: "NOTHING_CAPTURED" });
    expect(await rows.get(orderId)).toEqual(declined);
  });
});

describe("refundPayment when the provider cannot answer", () => {
  it("records nothing when the refund fails for now; the retry refunds once", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    const deps = realDeps();
    vi.spyOn(deps.gateway, "refund").mockRejectedValueOnce(new PaymentProcessingError("try later"));

    // Act
    const outage = refund(orderId, deps);
    await expect(outage).rejects.toBeInstanceOf(PaymentProcessingError);
    const between = (await rows.get(orderId))?.status;
    const retry = await refund(orderId);

    // Assess
    expect(between).toBe("CAPTURED");
    expect(retry).toEqual({ orderId, outcome: "REFUNDED", amount });
    expect(await books.net(orderId)).toBe(0);
  });

  it("keeps the fence when releasing the hold fails for now; the retry releases it", async () => {
    // Prepare
    const { orderId } = await charges.upTo("AUTHORIZED");
    const deps = realDeps();
    vi.spyOn(deps.gateway, "void").mockRejectedValueOnce(new PaymentProcessingError("try later"));

    // Act
    await expect(refund(orderId, deps)).rejects.toBeInstanceOf(PaymentProcessingError);
    const between = { row: (await rows.get(orderId))?.status, books: (await books.get(orderId))?.status };
    const retry = await refund(orderId);

    // Assess
    expect(between).toEqual({ row: "VOIDED", books: "AUTHORIZED" });
    expect(retry).toEqual({ orderId, outcome: "VOIDED", amount });
    expect(await books.get(orderId)).toMatchObject({ status: "VOIDED" });
  });

  it("refunds, on retry, a capture that reached the provider after the fence and before the hold was released", async () => {
    // Prepare
    const { orderId } = await charges.upTo("AUTHORIZED");
    const deps = realDeps();
    vi.spyOn(deps.gateway, "void").mockRejectedValueOnce(new PaymentProcessingError("try later"));
    await expect(refund(orderId, deps)).rejects.toBeInstanceOf(PaymentProcessingError);
    const fenced = await rows.get(orderId);
    await deps.gateway.capture({ chargeKey: orderId, chargeId: String(fenced?.chargeId) });

    // Act
    const retry = await refund(orderId);

    // Assess
    expect(retry).toEqual({ orderId, outcome: "REFUNDED", amount });
    expect(await rows.get(orderId)).toMatchObject({ status: "REFUNDED", chargeId: fenced?.chargeId });
    expect(await books.net(orderId)).toBe(0);
  });
});

describe("refundPayment of a row that does not add up", () => {
  it("fails naming the charge when a row holds a charge id without an amount", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    const chargeId = (await rows.get(orderId))?.chargeId;
    await rows.put({ orderId, status: "VOIDED", voidedAt: CHARGED_AT, chargeId });

    // Act
    const attempt = refund(orderId);

    // Assess
    await expect(attempt).rejects.toThrow(
      `payments row for order ${orderId} names charge ${chargeId} without an amount`,
    );
  });

  it("fails asking for a retry, rather than claim a refund, when the row did not move after the refund", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");
    const deps = realDeps();
    vi.spyOn(deps.ledger, "move").mockResolvedValueOnce(false);

    // Act
    const attempt = refund(orderId, deps);

    // Assess
    await expect(attempt).rejects.toThrow(
      `payments row for order ${orderId} is CAPTURED after its refund was made; retry`,
    );
  });

  it("gives up asking for a retry when the row changes under every fence", async () => {
    // Prepare
    const { orderId } = await charges.upTo("PENDING");
    const deps = realDeps();
    vi.spyOn(deps.ledger, "move").mockResolvedValue(false);

    // Act
    const attempt = refund(orderId, deps);

    // Assess
    await expect(attempt).rejects.toThrow(
      `the payments row of order ${orderId} kept changing under the refund; retry`,
    );
  });
});

describe("refundPayment racing the charge", () => {
  it("fences a late charge while the provider holds for it; the charge releases its own hold", async () => {
    // Prepare
    const order = charges.order();
    const charge = charges.deps();
    let outcome: unknown;
    const late = {
      ...charge,
      gateway: meanwhile(charge.gateway, "authorize", async () => (outcome = await refund(order.orderId))),
    };

    // Act
    const record = await chargeOnce(order, late);

    // Assess
    expect(outcome).toEqual({ orderId: order.orderId, outcome: "VOIDED", amount });
    expect(record.status).toBe("VOIDED");
    expect(await books.get(order.orderId)).toMatchObject({ status: "VOIDED" });
  });

  it("voids a recorded hold before its capture; the capture is refused", async () => {
    // Prepare
    const order = charges.order();
    const charge = charges.deps();
    let outcome: unknown;
    const late = {
      ...charge,
      ledger: meanwhile(charge.ledger, "move", async () => (outcome = await refund(order.orderId))),
    };

    // Act
    const record = await chargeOnce(order, late);

    // Assess
    expect(outcome).toEqual({ orderId: order.orderId, outcome: "VOIDED", amount });
    expect(record.status).toBe("VOIDED");
    expect(await books.net(order.orderId)).toBe(0);
  });

  it("gives back a hold that was captured a moment before the fence", async () => {
    // Prepare
    const order = charges.order();
    const charge = charges.deps();
    let outcome: unknown;
    const late = {
      ...charge,
      gateway: meanwhile(charge.gateway, "capture", async () => (outcome = await refund(order.orderId))),
    };

    // Act
    const record = await chargeOnce(order, late);

    // Assess
    expect(outcome).toEqual({ orderId: order.orderId, outcome: "REFUNDED", amount });
    expect(record.status).toBe("REFUNDED");
    expect(await books.get(order.orderId)).toMatchObject({ status: "REFUNDED" });
    expect(await books.net(order.orderId)).toBe(0);
  });

  it.each([
    ["its tombstone loses to the charge's intent", "NONE"],
    ["its fence loses to the charge's hold", "PENDING"],
  ] as const)("goes round again when %s, and refunds what the charge took", async (_, start) => {
    // Prepare
    const order = start === "NONE" ? charges.order() : await charges.upTo("PENDING");
    const deps = realDeps();
    const raced = {
      ...deps,
      ledger: meanwhile(deps.ledger, "get", () =>
        chargeOnce({ ...order, paymentToken: "tok_visa" }, charges.deps()),
      ),
    };

    // Act
    const result = await refundPayment({ orderId: order.orderId }, raced);

    // Assess
    expect(result).toEqual({ orderId: order.orderId, outcome: "REFUNDED", amount });
    expect(await books.net(order.orderId)).toBe(0);
  });

  it("refunds once when refunds overlap: one REFUNDED, the others ALREADY_REFUNDED", async () => {
    // Prepare
    const { orderId } = await charges.upTo("CAPTURED");

    // Act
    const results = await Promise.all([refund(orderId), refund(orderId), refund(orderId)]);

    // Assess
    expect(results.map((result) => result.outcome).sort()).toEqual([
      "ALREADY_REFUNDED",
      "ALREADY_REFUNDED",
      "REFUNDED",
    ]);
    expect((await rows.get(orderId))?.refundId).toBe((await books.get(orderId))?.refundId);
  });
});
