import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient, readRow } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { dynamoReservationLedger, dynamoShippingLedger } from "../src/dynamo-ledger";
import { shipStep } from "../src/ship-step";
import { linesOf, protocolRuns, stockTables } from "../testing";

const db = await useLocalTables(["inventory", "reservations", "shipments"]);
const tables = stockTables(db);
const client = documentClient();
const ledger = dynamoReservationLedger(client, db.names);
const shipping = dynamoShippingLedger(client, db.names);
const protocol = protocolRuns(ledger);

const RELEASED_AT = new Date("2026-03-01T10:00:00.000Z");
const skusOf = (items: readonly { sku: string }[]) => items.map((item) => item.sku);
/** Five units of each line's SKU, none reserved. */
const stockFor = (items: readonly { sku: string }[]) =>
  Object.fromEntries(items.map(({ sku }): [string, [number, number]] => [sku, [5, 0]]));

describe("the release fence on DynamoDB Local", () => {
  it("fences an order without a reservation off with a RELEASED tombstone that holds nothing", async () => {
    // Prepare
    const orderId = newOrderId();

    // Act
    const released = await protocol.release(orderId, RELEASED_AT);

    // Assess
    const tombstone = {
      orderId,
      items: [],
      status: "RELEASED",
      createdAt: RELEASED_AT.toISOString(),
      heldLines: 0,
    };
    expect(released).toEqual({ record: tombstone, applied: true });
    expect(await tables.record(orderId)).toEqual(tombstone);
  });

  it("lets a reserve that lands after the fence hold nothing: the stock stays as it was", async () => {
    // Prepare
    const order = { orderId: newOrderId(), items: linesOf(3, "FENCE-R") };
    await tables.seed(stockFor(order.items));
    await protocol.release(order.orderId, RELEASED_AT);

    // Act
    const late = await protocol.hold(order);

    // Assess
    expect(late).toMatchObject({ applied: false, record: { status: "RELEASED", items: [], heldLines: 0 } });
    expect(await tables.stock(skusOf(order.items))).toEqual(stockFor(order.items));
    expect(await tables.record(order.orderId)).toMatchObject({ status: "RELEASED", items: [] });
  });

  it("gives a shipment nothing to ship from the tombstone, and books none", async () => {
    // Prepare
    const orderId = newOrderId();
    await protocol.release(orderId, RELEASED_AT);

    // Act
    const step = shipStep(await shipping.get(orderId));

    // Assess
    expect(step).toBeUndefined();
    expect(await readRow(client, db.names.shipments, { orderId })).toBeUndefined();
  });

  it("finds a ship step planned before a release stale after it: no shipment, the stock back in available", async () => {
    // Prepare: the shipment read the reservation fully held, then the release returned it
    const order = { orderId: newOrderId(), items: linesOf(2, "FENCE-S") };
    await tables.seed(stockFor(order.items));
    const held = await protocol.hold(order);
    const planned = held.record && shipStep(held.record);
    if (!planned) throw new Error("the test's reservation should ship");
    await protocol.release(order.orderId);

    // Act
    const result = await shipping.apply(planned, {
      orderId: order.orderId,
      shipmentId: "shp_1",
      carrier: "DHL",
      trackingNumber: "DHL000000000001",
      status: "CREATED",
      createdAt: RELEASED_AT.toISOString(),
    });

    // Assess
    expect(result).toMatchObject({ outcome: "stale", current: { status: "RELEASED", heldLines: 0 } });
    expect(await readRow(client, db.names.shipments, { orderId: order.orderId })).toBeUndefined();
    expect(await tables.stock(skusOf(order.items))).toEqual(stockFor(order.items));
  });

  it.each([
    ["release first", true],
    ["reserve first", false],
  ])(
    "ends a 100-line order released and holding nothing when a reserve and a release race (%s)",
    async (_, releaseFirst) => {
      // Prepare
      const order = { orderId: newOrderId(), items: linesOf(100, `RACE-${releaseFirst ? "A" : "B"}`) };
      await tables.seed(stockFor(order.items));
      const reserve = () => protocol.hold(order);
      const release = () => protocol.release(order.orderId);

      // Act
      // Whichever step lands first, the other finds the record changed and plans again from it.
      await Promise.all(releaseFirst ? [release(), reserve()] : [reserve(), release()]);

      // Assess
      expect(await tables.record(order.orderId)).toMatchObject({ status: "RELEASED", heldLines: 0 });
      expect(await tables.stock(skusOf(order.items))).toEqual(stockFor(order.items));
    },
  );
});
