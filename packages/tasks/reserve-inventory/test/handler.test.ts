import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger } from "@orderflow/inventory";
import { linesOf, protocolRuns, sentActions, stockTables } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { reserveInventory } from "../src/core";
import { task } from "../src/task";

const db = await useLocalTables(["inventory", "reservations"]);
const { handler } = await import("../src/handler");
const tables = stockTables(db);
const protocol = protocolRuns(dynamoReservationLedger(documentClient(), db.names));

const HUNDRED = linesOf(100, "BIG");
const skusOf = (items: readonly { sku: string }[]) => items.map((item) => item.sku);

describe("reserve-inventory handler on DynamoDB Local", () => {
  it("moves each line's units from available to reserved and records the HELD reservation", async () => {
    // Prepare
    await tables.seed({ "OK-A": 5, "OK-B": 1 });
    const request = {
      orderId: newOrderId(),
      items: [
        { sku: "OK-A", quantity: 2 },
        { sku: "OK-B", quantity: 1 },
      ],
    };

    // Act
    const reservation = await handler({ ...request, executionId: "exec-1" });

    // Assess
    expect(reservation).toEqual({ ...request, status: "HELD", createdAt: expect.any(String) });
    expect(await tables.stock(["OK-A", "OK-B"])).toEqual({ "OK-A": [3, 2], "OK-B": [0, 1] });
    expect(await tables.record(request.orderId)).toEqual({ ...reservation, heldLines: 2 });
  });

  it("fails with OutOfStock naming every short SKU with requested and available units, changing nothing", async () => {
    // Prepare
    await tables.seed({ "SHORT-A": 1, "SHORT-B": 10, "SHORT-C": 0 });
    const request = {
      orderId: newOrderId(),
      items: [
        { sku: "SHORT-A", quantity: 2 },
        { sku: "SHORT-B", quantity: 3 },
        { sku: "SHORT-C", quantity: 1 },
        { sku: "SHORT-NONE", quantity: 4 },
      ],
    };

    // Act
    const attempt = handler(request);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "OutOfStock",
      shortages: [
        { sku: "SHORT-A", requested: 2, available: 1 },
        { sku: "SHORT-C", requested: 1, available: 0 },
        { sku: "SHORT-NONE", requested: 4, available: 0 },
      ],
    });
    expect(await tables.stock(skusOf(request.items))).toEqual({
      "SHORT-A": [1, 0],
      "SHORT-B": [10, 0],
      "SHORT-C": [0, 0],
    });
    expect(await tables.record(request.orderId)).toBeUndefined();
  });

  it("reserves once when run twice: the second run returns the same reservation", async () => {
    // Prepare
    await tables.seed({ "TWICE-A": 4 });
    const request = { orderId: newOrderId(), items: [{ sku: "TWICE-A", quantity: 3 }] };

    // Act
    const first = await handler(request);
    const second = await handler(request);

    // Assess
    expect(second).toEqual(first);
    expect(await tables.stock(["TWICE-A"])).toEqual({ "TWICE-A": [1, 3] });
  });

  it("reserves once when the same order arrives three times at once", async () => {
    // Prepare
    await tables.seed({ "SAME-A": 10, "SAME-B": 10 });
    const request = {
      orderId: newOrderId(),
      items: [
        { sku: "SAME-A", quantity: 2 },
        { sku: "SAME-B", quantity: 5 },
      ],
    };

    // Act
    const results = await Promise.all([handler(request), handler(request), handler(request)]);

    // Assess
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(await tables.stock(["SAME-A", "SAME-B"])).toEqual({ "SAME-A": [8, 2], "SAME-B": [5, 5] });
  });

  it("gives the last unit to exactly one of two orders racing for it; the other gets OutOfStock", async () => {
    // Prepare
    await tables.seed({ "LAST-UNIT": 1 });
    const orders = [newOrderId(), newOrderId()].map((orderId) => ({
      orderId,
      items: [{ sku: "LAST-UNIT", quantity: 1 }],
    }));

    // Act
    const results = await Promise.allSettled(orders.map((order) => handler(order)));

    // Assess
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({
      name: "OutOfStock",
      shortages: [{ sku: "LAST-UNIT", requested: 1, available: 0 }],
    });
    expect(await tables.stock(["LAST-UNIT"])).toEqual({ "LAST-UNIT": [0, 1] });
  });

  it("gives 3 units to exactly 3 of 10 orders racing for them", async () => {
    // Prepare
    await tables.seed({ "RUSH-A": 3 });
    const orders = Array.from({ length: 10 }, () => ({
      orderId: newOrderId(),
      items: [{ sku: "RUSH-A", quantity: 1 }],
    }));

    // Act
    const results = await Promise.allSettled(orders.map((order) => handler(order)));

    // Assess
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((r) => r.status === "rejected").map((r) => r.reason.name)).toEqual(
      Array(7).fill("OutOfStock"),
    );
    expect(await tables.stock(["RUSH-A"])).toEqual({ "RUSH-A": [0, 3] });
  });

  describe("an order the release fenced off (the reserve lands after the compensation)", () => {
    it("holds nothing and fails when the release found no reservation and left its tombstone", async () => {
      // Prepare
      await tables.seed({ "LATE-A": 4, "LATE-B": 2 });
      const request = {
        orderId: newOrderId(),
        items: [
          { sku: "LATE-A", quantity: 3 },
          { sku: "LATE-B", quantity: 1 },
        ],
      };
      await protocol.release(request.orderId);
      const tombstone = await tables.record(request.orderId);

      // Act
      const attempt = handler(request);

      // Assess
      await expect(attempt).rejects.toThrow(
        `the reservation of order ${request.orderId} is RELEASED: the order was compensated, so nothing is reserved`,
      );
      expect(await tables.stock(["LATE-A", "LATE-B"])).toEqual({ "LATE-A": [4, 0], "LATE-B": [2, 0] });
      expect(await tables.record(request.orderId)).toEqual(tombstone);
    });

    it("holds nothing again and fails on a retry after its reservation was released", async () => {
      // Prepare
      await tables.seed({ "AGAIN-A": 4 });
      const request = { orderId: newOrderId(), items: [{ sku: "AGAIN-A", quantity: 3 }] };
      await handler(request);
      await protocol.release(request.orderId);

      // Act
      const attempt = handler(request);

      // Assess
      await expect(attempt).rejects.toThrow("is RELEASED: the order was compensated");
      expect(await tables.stock(["AGAIN-A"])).toEqual({ "AGAIN-A": [4, 0] });
      expect(await tables.record(request.orderId)).toMatchObject({ status: "RELEASED", heldLines: 0 });
    });
  });

  it("writes only what its manifest grants, a rolled-back 100-line reserve included", async () => {
    // Prepare: the handler's ledger on a client whose requests are watched; the 100th line is short
    const client = documentClient();
    const sent = sentActions(client, db.names);
    const deps = { ledger: dynamoReservationLedger(client, db.names), now: () => new Date() };
    const small = linesOf(3, "GRANT-S");
    const items = linesOf(100, "GRANT");
    await tables.seed({
      ...Object.fromEntries(small.map((line) => [line.sku, 5])),
      ...Object.fromEntries(items.map((line, index) => [line.sku, index === 99 ? 0 : 5])),
    });

    // Act
    await reserveInventory({ orderId: newOrderId(), items: small }, deps);
    await expect(reserveInventory({ orderId: newOrderId(), items }, deps)).rejects.toThrow(
      "requested 1, available 0",
    );

    // Assess
    expect(sent.all()).toEqual([
      "inventory:UpdateItem",
      "reservations:DeleteItem",
      "reservations:PutItem",
      "reservations:UpdateItem",
    ]);
    expect(sent.ungranted(task.tables)).toEqual([]);
  });

  it("rejects invalid input with a ValidationError naming each bad field", async () => {
    // Prepare
    const request = {
      orderId: "not a valid id!",
      items: [
        { sku: "OK-A", quantity: 0 },
        { sku: "OK-A", quantity: 1 },
      ],
    };

    // Act
    const attempt = handler(request);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: expect.arrayContaining([
        { path: "orderId", message: expect.any(String) },
        { path: "items[0].quantity", message: "must be at least 1" },
        { path: "items[1].sku", message: expect.stringContaining("repeats SKU OK-A") },
      ]),
    });
  });

  describe("a 100-line order (101 writes, more than one transaction allows)", () => {
    it("holds all 100 lines in two transactions and reserves nothing more when run again", async () => {
      // Prepare
      await tables.seed(Object.fromEntries(HUNDRED.map((line) => [line.sku, 5])));
      const request = { orderId: newOrderId(), items: HUNDRED };

      // Act
      const first = await handler(request);
      const second = await handler(request);

      // Assess
      expect(second).toEqual(first);
      expect(await tables.stock(skusOf(HUNDRED))).toEqual(
        Object.fromEntries(HUNDRED.map((line) => [line.sku, [5 - line.quantity, line.quantity]])),
      );
      expect(await tables.record(request.orderId)).toMatchObject({ status: "HELD", heldLines: 100 });
    });

    it("returns the first 99 lines and keeps no reservation when the 100th line is short", async () => {
      // Prepare
      const seeded = Object.fromEntries(HUNDRED.map((line, index) => [line.sku, index === 99 ? 0 : 5]));
      await tables.seed(seeded);
      const request = { orderId: newOrderId(), items: HUNDRED };

      // Act
      const attempt = handler(request);

      // Assess
      await expect(attempt).rejects.toMatchObject({
        name: "OutOfStock",
        shortages: [{ sku: "BIG-099", requested: HUNDRED[99]?.quantity, available: 0 }],
      });
      expect(await tables.stock(skusOf(HUNDRED))).toEqual(
        Object.fromEntries(Object.entries(seeded).map(([sku, available]) => [sku, [available, 0]])),
      );
      expect(await tables.record(request.orderId)).toBeUndefined();
    });

    it("completes a reservation an earlier run left after its first transaction", async () => {
      // Prepare: the state right after the first transaction of a run that then crashed
      await tables.seed(
        Object.fromEntries(
          HUNDRED.map((line, index) => [line.sku, index < 99 ? [5 - line.quantity, line.quantity] : [5, 0]]),
        ),
      );
      const orderId = newOrderId();
      const createdAt = "2026-03-01T10:00:00.000Z";
      await tables.putRecord({ orderId, items: HUNDRED, status: "HELD", createdAt, heldLines: 99 });

      // Act
      const reservation = await handler({ orderId, items: HUNDRED });

      // Assess
      expect(reservation).toEqual({ orderId, items: HUNDRED, status: "HELD", createdAt });
      expect(await tables.stock(skusOf(HUNDRED))).toEqual(
        Object.fromEntries(HUNDRED.map((line) => [line.sku, [5 - line.quantity, line.quantity]])),
      );
    });
  });
});
