/**
 * create-shipment on the reservation protocol of @orderflow/inventory, on DynamoDB Local: the real ship
 * handler between the protocol's own holds and releases (the planners the inventory tasks run). What one
 * leaves, the others read right.
 */
import { type LineItem, newOrderId } from "@orderflow/domain";
import { seedInventory } from "@orderflow/dynamodb-local";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger, type ReservationLedger } from "@orderflow/inventory";
import { MODEL_SKUS, protocolRuns, stockAndOrders } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const ship = (await import("../src/handler")).handler;
const ledger = dynamoReservationLedger(documentClient(), db.names);
const protocol = protocolRuns(ledger);
const tables = shipmentTables(db);

/** A new order id whose orders item records a German address, as the API writes it. */
async function recordedOrder() {
  const orderId = newOrderId();
  await tables.recordOrder(orderId, { country: "DE" });
  return orderId;
}

/** Inventory rows with `available` units of each SKU and none reserved. */
const stock = (skus: readonly string[], available: number) =>
  seedInventory(
    db.client,
    db.names.inventory,
    skus.map((sku) => ({ sku, price: { amount: 100, currency: "EUR" }, available, reserved: 0 })),
  );

/** `[available, reserved]` per line of `items`. */
async function counts(items: readonly LineItem[]) {
  const [available, reserved] = await Promise.all([tables.available(items), tables.reserved(items)]);
  return available.map((a, i) => [a, reserved[i]]);
}

describe("hold → ship → release on one reservation protocol", () => {
  it("ships a 100-line order held in two steps; a release then returns nothing and a hold holds nothing more", async () => {
    // Prepare
    const items = freshItems(100);
    const orderId = await recordedOrder();
    await stock(
      items.map((i) => i.sku),
      5,
    );
    await protocol.hold({ orderId, items });
    expect(await tables.reservation(orderId)).toMatchObject({ status: "HELD", heldLines: 100 });

    // Act
    const shipment = await ship({ orderId });
    const afterShip = await counts(items);
    const released = await protocol.release(orderId);
    const heldAgain = await protocol.hold({ orderId, items });
    const shipAgain = await ship({ orderId });

    // Assess
    expect(await tables.reservation(orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(afterShip).toEqual(items.map((i) => [5 - i.quantity, 0]));
    expect(released).toMatchObject({ applied: false, record: { status: "SHIPPED" } });
    expect(heldAgain).toMatchObject({ applied: false, record: { status: "SHIPPED" } });
    expect(shipAgain).toEqual(shipment);
    expect(await counts(items)).toEqual(afterShip);
  });

  it("does not ship a 100-line reservation whose hold stopped after 99 lines; a release returns exactly those", async () => {
    // Prepare: a reserve run that dies between its two steps.
    const items = freshItems(100);
    const orderId = await recordedOrder();
    await stock(
      items.map((i) => i.sku),
      5,
    );
    let steps = 0;
    const dying: ReservationLedger = {
      ...ledger,
      apply: async (step) => {
        if (++steps > 1) throw new Error("Task timed out after 5.00 seconds");
        return ledger.apply(step);
      },
    };
    await expect(protocolRuns(dying).hold({ orderId, items })).rejects.toThrow("Task timed out");
    const halfHeld = await counts(items);

    // Act
    const shipping = ship({ orderId });
    await expect(shipping).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining("holds only 99 of its 100 lines"),
    });
    const afterShip = await counts(items);
    const released = await protocol.release(orderId);

    // Assess
    expect(afterShip).toEqual(halfHeld);
    expect(halfHeld.slice(99)).toEqual([[5, 0]]);
    expect(released).toMatchObject({ applied: true, record: { status: "RELEASED", heldLines: 0 } });
    expect(await tables.shipment(orderId)).toBeUndefined();
    expect(await counts(items)).toEqual(items.map(() => [5, 0]));
  });
});

const ORDERS = 3;
type Call = "reserve" | "ship" | "release";
/** An order in the model; `fenced`: a release found no reservation and left its tombstone. */
type OrderState = "none" | "held" | "released" | "shipped" | "fenced";

/** Up to 3 orders over SKUs A-C, stock per SKU, and a sequence of reserve / ship / release calls. */
const scenario = fc.record({
  ...stockAndOrders(ORDERS),
  calls: fc.array(fc.tuple(fc.constantFrom<Call>("reserve", "ship", "release"), fc.nat(ORDERS - 1)), {
    maxLength: 8,
  }),
});

/**
 * What each call answers, by the model: the order's state decides it. A hold answers the record's status
 * (or OutOfStock), a ship the shipment's status (or the error), a release `returned` when it returned
 * stock, `tombstone` when it fenced the order off, else the record's status.
 */
const EXPECTED: Record<Call, Record<Exclude<OrderState, "none">, string>> = {
  reserve: { held: "HELD", released: "RELEASED", shipped: "SHIPPED", fenced: "RELEASED" },
  ship: { held: "CREATED", released: "ShipmentFailed", shipped: "CREATED", fenced: "ShipmentFailed" },
  release: { held: "returned", released: "RELEASED", shipped: "SHIPPED", fenced: "RELEASED" },
};

/** A hold the protocol's way: the record's status (reserve-inventory refuses a RELEASED one), or OutOfStock. */
async function reserve(order: { orderId: string; items: LineItem[] }) {
  const { record, shortages } = await protocol.hold(order);
  return shortages ? "OutOfStock" : (record?.status ?? "none");
}

/**
 * A release the protocol's way: `returned` when it returned stock, `tombstone` when it fenced an order
 * without a reservation off, else the record's status.
 */
async function release(orderId: string) {
  const { record, applied } = await protocol.release(orderId);
  if (applied) return record?.items.length ? "returned" : "tombstone";
  return record?.status ?? "none";
}

let run = 0;

describe("stock across holds, ships and releases on DynamoDB Local", () => {
  it("conserves every unit (available + reserved + shipped), keeps reserved equal to what held orders hold, and answers as a model predicts, fences included", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ stock: levels, orders, calls }) => {
        // Prepare: fresh SKUs and order ids per run, so runs do not see each other
        const prefix = `P${run++}${newOrderId().slice(-6)}`;
        const sku = (name: string) => `${prefix}-${name}`;
        const ids = await Promise.all(orders.map(() => recordedOrder()));
        const items = orders.map((lines) => lines.map((line) => ({ ...line, sku: sku(line.sku) })));
        const totals = new Map(MODEL_SKUS.map((name, i) => [sku(name), levels[i] ?? 0]));
        await seedInventory(
          db.client,
          db.names.inventory,
          [...totals].map(([s, available]) => ({
            sku: s,
            price: { amount: 100, currency: "EUR" },
            available,
            reserved: 0,
          })),
        );
        const state: OrderState[] = orders.map(() => "none");
        const unitsIn = (wanted: OrderState, s: string) =>
          state
            .flatMap((st, o) => (st === wanted ? (items[o] ?? []) : []))
            .filter((line) => line.sku === s)
            .reduce((sum, line) => sum + line.quantity, 0);

        for (const [call, order] of calls) {
          // Act
          const orderId = ids[order] ?? "";
          const lines = items[order] ?? [];
          const now = state[order] ?? "none";
          const fits = lines.every(
            (l) =>
              (totals.get(l.sku) ?? 0) - unitsIn("held", l.sku) - unitsIn("shipped", l.sku) >= l.quantity,
          );
          const expected =
            now !== "none"
              ? EXPECTED[call][now]
              : {
                  reserve: fits ? "HELD" : "OutOfStock",
                  ship: "ShipmentFailed",
                  release: "tombstone",
                }[call];
          const answer = await (call === "reserve"
            ? reserve({ orderId, items: lines })
            : call === "ship"
              ? ship({ orderId }).then((s) => s.status)
              : release(orderId)
          ).catch((error: Error) => error.name);
          if (answer === "HELD") state[order] = "held";
          if (call === "release" && now === "held") state[order] = "released";
          if (call === "ship" && now === "held") state[order] = "shipped";
          if (call === "release" && now === "none") state[order] = "fenced";

          // Assess
          expect(answer).toBe(expected);
          const rows = await counts([...totals.keys()].map((s) => ({ sku: s, quantity: 1 })));
          [...totals].forEach(([s, total], i) => {
            const [available = Number.NaN, reserved = Number.NaN] = rows[i] ?? [];
            expect(available + reserved + unitsIn("shipped", s)).toBe(total);
            expect(reserved).toBe(unitsIn("held", s));
            expect(available).toBeGreaterThanOrEqual(0);
          });
        }
      }),
      { numRuns: 25 },
    );
  });
});
