import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import type { PaymentRecord } from "../src/payment-record";
import { dynamoPaymentLedger } from "../src/payments-table";
import { paymentRows } from "../testing";

const db = await useLocalTables(["payments"]);
const ledger = dynamoPaymentLedger(documentClient(), db.names.payments);
const rows = paymentRows(db);

const pendingOf = (orderId = newOrderId()) =>
  ({
    orderId,
    customerId: "cus_1",
    amount: { amount: 1250, currency: "EUR" },
    status: "PENDING",
    createdAt: "2030-01-01T00:00:00.000Z",
  }) as const satisfies PaymentRecord;

describe("the payments table on DynamoDB Local: get and putFirst", () => {
  it("writes an order's first record once and reads it back", async () => {
    // Prepare
    const pending = pendingOf();

    // Act
    const first = await ledger.putFirst(pending);
    const second = await ledger.putFirst({ ...pending, customerId: "cus_2" });

    // Assess
    expect(first).toEqual({ written: true });
    expect(second).toEqual({ written: false, existing: pending });
    expect(await ledger.get(pending.orderId)).toEqual(pending);
    expect(await rows.all(pending.orderId)).toHaveLength(1);
  });

  it("lets exactly one of racing first records win", async () => {
    // Prepare
    const pending = pendingOf();
    const tombstone = {
      orderId: pending.orderId,
      status: "VOIDED",
      voidedAt: "2030-01-01T00:00:00.000Z",
    } as const;

    // Act
    const won = await Promise.all([
      ledger.putFirst(pending),
      ledger.putFirst(tombstone),
      ledger.putFirst(pending),
    ]);

    // Assess
    const winner = won[1]?.written ? tombstone : pending;
    expect(won.filter((first) => first.written)).toHaveLength(1);
    expect(won.filter((first) => !first.written)).toEqual([
      { written: false, existing: winner },
      { written: false, existing: winner },
    ]);
    expect(await ledger.get(pending.orderId)).toEqual(winner);
  });

  it("reads undefined for an order without a record, and refuses a malformed row naming the problem", async () => {
    // Prepare
    const orderId = newOrderId();
    await rows.put({ ...pendingOf(orderId), status: "AUTHORIZED" });

    // Act
    const never = await ledger.get(newOrderId());
    const malformed = await ledger.get(orderId).catch((error: unknown) => error);

    // Assess
    expect(never).toBeUndefined();
    expect(malformed).toEqual(
      new Error(
        `payments row for order ${orderId} is malformed: (root): chargeId is required for AUTHORIZED`,
      ),
    );
  });
});

describe("the payments table on DynamoDB Local: move is a compare-and-set", () => {
  it("moves a record from an allowed status, setting the fields and keeping the rest", async () => {
    // Prepare
    const pending = pendingOf();
    await ledger.putFirst(pending);

    // Act
    const moved = await ledger.move(pending.orderId, ["PENDING"], "AUTHORIZED", { chargeId: "ch_1" });

    // Assess
    expect(moved).toBe(true);
    expect(await ledger.get(pending.orderId)).toEqual({ ...pending, status: "AUTHORIZED", chargeId: "ch_1" });
  });

  it("moves without fields, changing only the status", async () => {
    // Prepare
    const orderId = newOrderId();
    await rows.put({ ...pendingOf(orderId), status: "AUTHORIZED", chargeId: "ch_1" });

    // Act
    const moved = await ledger.move(orderId, ["AUTHORIZED"], "CAPTURED");

    // Assess
    expect(moved).toBe(true);
    expect(await rows.get(orderId)).toEqual({ ...pendingOf(orderId), status: "CAPTURED", chargeId: "ch_1" });
  });

  it("refuses, writing nothing, a record whose status is not among `from`", async () => {
    // Prepare
    const pending = pendingOf();
    await ledger.putFirst(pending);

    // Act
    const moved = await ledger.move(pending.orderId, ["AUTHORIZED", "CAPTURED"], "REFUNDED", {
      refundId: "re_1",
    });

    // Assess
    expect(moved).toBe(false);
    expect(await rows.get(pending.orderId)).toEqual(pending);
  });

  it("accepts any of several `from` statuses", async () => {
    // Prepare
    const [captured, voided] = [newOrderId(), newOrderId()];
    await rows.put({ ...pendingOf(captured), status: "CAPTURED", chargeId: "ch_1" });
    await rows.put({ ...pendingOf(voided), status: "VOIDED", chargeId: "ch_2", voidedAt: "2030-01-01" });

    // Act
    const moved = await Promise.all(
      [captured, voided].map((orderId) =>
        ledger.move(orderId, ["CAPTURED", "VOIDED"], "REFUNDED", {
          refundId: "re_1",
          refundedAt: "2030-01-02",
        }),
      ),
    );

    // Assess
    expect(moved).toEqual([true, true]);
    expect((await rows.get(captured))?.status).toBe("REFUNDED");
    expect((await rows.get(voided))?.status).toBe("REFUNDED");
  });

  it("refuses an order without a record and creates none", async () => {
    // Prepare
    const orderId = newOrderId();

    // Act
    const moved = await ledger.move(orderId, ["PENDING"], "VOIDED", { voidedAt: "2030-01-01" });

    // Assess
    expect(moved).toBe(false);
    expect(await rows.get(orderId)).toBeUndefined();
  });

  it("lets exactly one of racing moves from the same status win", async () => {
    // Prepare
    const pending = pendingOf();
    await ledger.putFirst(pending);

    // Act
    const won = await Promise.all([
      ledger.move(pending.orderId, ["PENDING"], "AUTHORIZED", { chargeId: "ch_1" }),
      ledger.move(pending.orderId, ["PENDING"], "VOIDED", { voidedAt: "2030-01-01" }),
      ledger.move(pending.orderId, ["PENDING"], "DECLINED", { declineReason: "card_declined" }),
    ]);

    // Assess
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = ["AUTHORIZED", "VOIDED", "DECLINED"][won.indexOf(true)];
    expect((await rows.get(pending.orderId))?.status).toBe(winner);
  });
});
