import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import type { PaymentRecord } from "../src/payment-record";
import { dynamoChargeLedger, dynamoRefundLedger } from "../src/payments-table";
import { paymentRows } from "../testing";

const db = await useLocalTables(["payments"]);
const charges = dynamoChargeLedger(documentClient(), db.names.payments);
const refunds = dynamoRefundLedger(documentClient(), db.names.payments);
const rows = paymentRows(db);

const pendingOf = (orderId: string): PaymentRecord => ({
  orderId,
  customerId: "cus_1",
  amount: { amount: 1250, currency: "EUR" },
  status: "PENDING",
  createdAt: "2030-01-01T00:00:00.000Z",
});
const refund = { refundId: "re_1", chargeId: "ch_1", refundedAt: "2030-01-02T00:00:00.000Z" };

describe("the payments table's charge side on DynamoDB Local", () => {
  it("writes the first record once and reads it back", async () => {
    // Prepare
    const pending = pendingOf(newOrderId());

    // Act
    const first = await charges.putFirst(pending);
    const second = await charges.putFirst({ ...pending, customerId: "cus_2" });

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await charges.get(pending.orderId)).toEqual(pending);
  });

  it("completes a PENDING record once, and never one that is not PENDING", async () => {
    // Prepare
    const pending = pendingOf(newOrderId());
    await charges.putFirst(pending);

    // Act
    const captured = await charges.complete({ ...pending, status: "CAPTURED", chargeId: "ch_1" });
    const declined = await charges.complete({
      ...pending,
      status: "DECLINED",
      declineReason: "card_declined",
    });

    // Assess
    expect([captured, declined]).toEqual([true, false]);
    expect(await charges.get(pending.orderId)).toMatchObject({ status: "CAPTURED", chargeId: "ch_1" });
  });

  it("reads undefined for an order never charged, and refuses a malformed row naming the problem", async () => {
    // Prepare
    const orderId = newOrderId();
    await rows.put({ ...pendingOf(orderId), status: "CAPTURED" });

    // Act
    const [never, malformed] = [charges.get(newOrderId()), charges.get(orderId)];

    // Assess
    await expect(never).resolves.toBeUndefined();
    await expect(malformed).rejects.toThrow(
      `payments row for order ${orderId} is malformed: (root): chargeId is required`,
    );
  });
});

describe("the payments table's refund side on DynamoDB Local", () => {
  it.each([
    ["CAPTURED", { status: "CAPTURED", chargeId: "ch_0" }],
    ["PENDING", {}],
  ] as const)("moves a %s record to REFUNDED once, recording the refund", async (_, change) => {
    // Prepare
    const orderId = newOrderId();
    await charges.putFirst({ ...pendingOf(orderId), ...change } as PaymentRecord);

    // Act
    const first = await refunds.markRefunded(orderId, refund);
    const again = await refunds.markRefunded(orderId, { ...refund, refundId: "re_2" });

    // Assess
    expect([first, again]).toEqual([true, false]);
    expect(await refunds.get(orderId)).toEqual({ ...pendingOf(orderId), status: "REFUNDED", ...refund });
  });

  it("refuses, writing nothing, a declined record or an order without one", async () => {
    // Prepare
    const declined: PaymentRecord = {
      ...pendingOf(newOrderId()),
      status: "DECLINED",
      declineReason: "card_declined",
    };
    await charges.putFirst(declined);
    const never = newOrderId();

    // Act
    const results = [
      await refunds.markRefunded(declined.orderId, refund),
      await refunds.markRefunded(never, refund),
    ];

    // Assess
    expect(results).toEqual([false, false]);
    expect(await rows.get(declined.orderId)).toEqual(declined);
    expect(await rows.get(never)).toBeUndefined();
  });
});
