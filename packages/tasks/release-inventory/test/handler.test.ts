import { type LineItem, newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger, shipStep } from "@orderflow/inventory";
import { linesOf, protocolRuns, sentActions, stockTables } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { releaseInventory } from "../src/core";
import { task } from "../src/task";

const db = await useLocalTables(["inventory", "reservations"]);
const { handler } = await import("../src/handler");
const ledger = dynamoReservationLedger(documentClient(), db.names);
const protocol = protocolRuns(ledger);
const tables = stockTables(db);

const skusOf = (items: readonly { sku: string }[]) => items.map((item) => item.sku);
const stockOf = (items: readonly LineItem[], perLine: (line: LineItem) => [number, number]) =>
  Object.fromEntries(items.map((line) => [line.sku, perLine(line)]));

/** A reserved order over fresh SKUs with 5 units each, held the protocol's way. */
async function reservedOrder(lineCount: number, prefix: string) {
  const items = linesOf(lineCount, prefix);
  await tables.seed(Object.fromEntries(items.map((line) => [line.sku, 5])));
  const orderId = newOrderId();
  await protocol.hold({ orderId, items });
  return { orderId, items };
}

describe("release-inventory handler on DynamoDB Local", () => {
  it("returns the reserved units to available and marks the reservation RELEASED", async () => {
    // Prepare
    const { orderId, items } = await reservedOrder(3, "REL");

    // Act
    const output = await handler({ orderId, executionId: "exec-1" });

    // Assess
    expect(output).toEqual({ orderId, outcome: "RELEASED", items });
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
    expect(await tables.record(orderId)).toMatchObject({ status: "RELEASED", heldLines: 0 });
  });

  it("releases once when run twice: the second run answers ALREADY_RELEASED", async () => {
    // Prepare
    const { orderId, items } = await reservedOrder(2, "TWICE");

    // Act
    const first = await handler({ orderId });
    const second = await handler({ orderId });

    // Assess
    expect(first.outcome).toBe("RELEASED");
    expect(second).toEqual({ orderId, outcome: "ALREADY_RELEASED", items });
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
  });

  it("releases once when two releases of the same order run at once", async () => {
    // Prepare
    const { orderId, items } = await reservedOrder(2, "RACE");

    // Act
    const outputs = await Promise.all([handler({ orderId }), handler({ orderId })]);

    // Assess
    expect(outputs.map((o) => o.outcome).sort()).toEqual(["ALREADY_RELEASED", "RELEASED"]);
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
  });

  it("fences an order without a reservation off with a tombstone: a reserve that lands later holds nothing", async () => {
    // Prepare
    const orderId = newOrderId();
    const items = linesOf(2, "FENCE");
    await tables.seed(Object.fromEntries(items.map((line) => [line.sku, 5])));

    // Act
    const output = await handler({ orderId });
    const late = await protocol.hold({ orderId, items });

    // Assess
    expect(output).toEqual({ orderId, outcome: "NOTHING_RESERVED", items: [] });
    expect(await tables.record(orderId)).toEqual({
      orderId,
      items: [],
      status: "RELEASED",
      createdAt: expect.any(String),
      heldLines: 0,
    });
    expect(late).toMatchObject({ applied: false, record: { status: "RELEASED", items: [] } });
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
  });

  it("answers NOTHING_RESERVED again on a repeat, leaving the tombstone as it was", async () => {
    // Prepare
    const orderId = newOrderId();
    await handler({ orderId });
    const tombstone = await tables.record(orderId);

    // Act
    const again = await handler({ orderId });

    // Assess
    expect(again).toEqual({ orderId, outcome: "NOTHING_RESERVED", items: [] });
    expect(await tables.record(orderId)).toEqual(tombstone);
  });

  it("fences off an order whose reserve found the stock short (and ended in OutOfStock), moving no stock", async () => {
    // Prepare
    await tables.seed({ "OOS-A": 0 });
    const orderId = newOrderId();
    const held = await protocol.hold({ orderId, items: [{ sku: "OOS-A", quantity: 1 }] });
    expect(held.shortages).toEqual([{ sku: "OOS-A", requested: 1, available: 0 }]);

    // Act
    const output = await handler({ orderId });

    // Assess
    expect(output.outcome).toBe("NOTHING_RESERVED");
    expect(await tables.stock(["OOS-A"])).toEqual({ "OOS-A": [0, 0] });
    expect(await tables.record(orderId)).toMatchObject({ status: "RELEASED", items: [] });
  });

  it("changes nothing once the reservation shipped", async () => {
    // Prepare: what create-shipment does — a ship step turns the reservation SHIPPED and its units leave `reserved`
    const { orderId, items } = await reservedOrder(1, "SHIP");
    const step = shipStep(await ledger.get(orderId));
    expect(step && (await ledger.apply(step))).toEqual({ outcome: "applied" });

    // Act
    const output = await handler({ orderId });

    // Assess
    expect(output).toEqual({ orderId, outcome: "ALREADY_SHIPPED", items });
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, (line) => [5 - line.quantity, 0]));
    expect(await tables.record(orderId)).toMatchObject({ status: "SHIPPED" });
  });

  it("tells a shipped 100-line order whose second ship step has not run (HANDOVER_INCOMPLETE) from one that finished (ALREADY_SHIPPED)", async () => {
    // Prepare: the shipment's first step handed over the last 98 lines; the first 2 are still reserved
    const { orderId, items } = await reservedOrder(100, "HAND");
    const first = shipStep(await ledger.get(orderId));
    expect(first && (await ledger.apply(first))).toEqual({ outcome: "applied" });

    // Act
    const midway = await handler({ orderId });
    const second = shipStep(await ledger.get(orderId));
    expect(second && (await ledger.apply(second))).toEqual({ outcome: "applied" });
    const finished = await handler({ orderId });

    // Assess
    expect(midway).toEqual({ orderId, outcome: "HANDOVER_INCOMPLETE", items });
    expect(finished).toEqual({ orderId, outcome: "ALREADY_SHIPPED", items });
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, (line) => [5 - line.quantity, 0]));
  });

  it("writes only what its manifest grants, the tombstone's put among it", async () => {
    // Prepare: the handler's ledger on a client whose requests are watched
    const client = documentClient();
    const sent = sentActions(client, db.names);
    const watched = { ledger: dynamoReservationLedger(client, db.names), now: () => new Date() };
    const { orderId } = await reservedOrder(100, "GRANT");

    // Act: a release of a reservation, and one of an order without any
    await releaseInventory({ orderId }, watched);
    await releaseInventory({ orderId: newOrderId() }, watched);

    // Assess
    expect(sent.all()).toEqual([
      "inventory:UpdateItem",
      "reservations:GetItem",
      "reservations:PutItem",
      "reservations:UpdateItem",
    ]);
    expect(sent.ungranted(task.tables)).toEqual([]);
  });

  it("returns all 100 lines of a 100-line reservation, in two transactions", async () => {
    // Prepare
    const { orderId, items } = await reservedOrder(100, "BIG");

    // Act
    const output = await handler({ orderId });

    // Assess
    expect(output.outcome).toBe("RELEASED");
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
    expect(await tables.record(orderId)).toMatchObject({ status: "RELEASED", heldLines: 0 });
  });

  it("returns only the 99 held lines of a reservation an interrupted reserve left half-held", async () => {
    // Prepare: the state right after the first of the two transactions of a 100-line reserve
    const items = linesOf(100, "HALF");
    await tables.seed(
      Object.fromEntries(
        items.map((line, index) => [line.sku, index < 99 ? [5 - line.quantity, line.quantity] : [5, 0]]),
      ),
    );
    const orderId = newOrderId();
    await tables.putRecord({
      orderId,
      items,
      status: "HELD",
      createdAt: new Date().toISOString(),
      heldLines: 99,
    });

    // Act
    const output = await handler({ orderId });

    // Assess
    expect(output.outcome).toBe("RELEASED");
    expect(await tables.stock(skusOf(items))).toEqual(stockOf(items, () => [5, 0]));
  });

  it("rejects invalid input with a ValidationError naming the field", async () => {
    // Act
    const attempt = handler({ orderId: "no spaces allowed" });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [{ path: "orderId", message: "must be 1-64 characters of A-Z, a-z, 0-9, _ or -" }],
    });
  });
});
