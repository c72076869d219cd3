import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient, readRow } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { dynamoReservationLedger, dynamoShippingLedger } from "../src/dynamo-ledger";
import { holdStep, type ReservationRecord, returnStep } from "../src/reservation-record";
import { shipStep } from "../src/ship-step";
import { stockTables } from "../testing";

const db = await useLocalTables(["inventory", "reservations", "shipments"]);
const tables = stockTables(db);
const client = documentClient();
const ledger = dynamoReservationLedger(client, db.names);
const shipping = dynamoShippingLedger(client, db.names);

/** A record of a new order over `skus`, one unit each unless `quantities` says otherwise. */
const recordOf = (
  skus: readonly string[],
  heldLines: number,
  quantities: readonly number[] = [],
): ReservationRecord => ({
  orderId: newOrderId(),
  items: skus.map((sku, index) => ({ sku, quantity: quantities[index] ?? 1 })),
  status: "HELD",
  createdAt: "2026-03-01T10:00:00.000Z",
  heldLines,
});
const shipmentOf = (orderId: string) => ({
  orderId,
  shipmentId: "shp_1",
  carrier: "DHL",
  trackingNumber: "DHL000000000001",
  status: "CREATED" as const,
  createdAt: "2026-03-01T10:00:00.000Z",
});

/** The next ship step of a record that has one. */
function nextShipStep(record: ReservationRecord) {
  const step = shipStep(record);
  if (!step) throw new Error(`the test's record of ${record.orderId} does not ship`);
  return step;
}

describe("dynamoReservationLedger on DynamoDB Local", () => {
  it("applies a first hold: creates the record and moves the units from available to reserved", async () => {
    // Prepare
    await tables.seed({ "LED-H1": 5, "LED-H2": [2, 1] });
    const record = recordOf(["LED-H1", "LED-H2"], 0);

    // Act
    const result = await ledger.apply(holdStep(record, false));

    // Assess
    expect(result).toEqual({ outcome: "applied" });
    expect(await tables.record(record.orderId)).toEqual({ ...record, heldLines: 2 });
    expect(await tables.stock(["LED-H1", "LED-H2"])).toEqual({ "LED-H1": [4, 1], "LED-H2": [1, 2] });
  });

  it("reports a first step for an order that has a record as stale, with the record as it is", async () => {
    // Prepare
    await tables.seed({ "LED-A": 5 });
    const existing = recordOf(["LED-A"], 1);
    await tables.putRecord(existing);

    // Act
    const result = await ledger.apply(holdStep({ ...existing, heldLines: 0 }, false));

    // Assess
    expect(result).toEqual({ outcome: "stale", current: existing });
    expect(await tables.stock(["LED-A"])).toEqual({ "LED-A": [5, 0] });
  });

  it("reports a step on a record that is gone as stale, with no record", async () => {
    // Prepare
    await tables.seed({ "LED-B": [4, 1] });

    // Act
    const result = await ledger.apply(
      returnStep(recordOf(["LED-B"], 1), "RELEASED", { deleteWhenEmpty: false }),
    );

    // Assess
    expect(result).toEqual({ outcome: "stale", current: undefined });
    expect(await tables.stock(["LED-B"])).toEqual({ "LED-B": [4, 1] });
  });

  it("reports a hold that finds too little stock as short, naming each short line with what it had, and changes nothing", async () => {
    // Prepare: one line short, one that fits, one SKU without a row
    await tables.seed({ "LED-S1": 1, "LED-S2": 9 });
    const record = recordOf(["LED-S1", "LED-S2", "LED-S-NONE"], 0, [2, 1, 2]);

    // Act
    const result = await ledger.apply(holdStep(record, false));

    // Assess
    expect(result).toEqual({
      outcome: "short",
      shortages: [
        { sku: "LED-S1", requested: 2, available: 1 },
        { sku: "LED-S-NONE", requested: 2, available: 0 },
      ],
    });
    expect(await tables.record(record.orderId)).toBeUndefined();
    expect(await tables.stock(["LED-S1", "LED-S2", "LED-S-NONE"])).toEqual({
      "LED-S1": [1, 0],
      "LED-S2": [9, 0],
    });
  });

  it("returns the last held lines and deletes the record with the last of them", async () => {
    // Prepare
    await tables.seed({ "LED-R1": [4, 1], "LED-R2": [4, 1] });
    const record = recordOf(["LED-R1", "LED-R2"], 2);
    await tables.putRecord(record);

    // Act
    const result = await ledger.apply(returnStep(record, "HELD", { deleteWhenEmpty: true }));

    // Assess
    expect(result).toEqual({ outcome: "applied" });
    expect(await tables.record(record.orderId)).toBeUndefined();
    expect(await tables.stock(["LED-R1", "LED-R2"])).toEqual({ "LED-R1": [5, 0], "LED-R2": [5, 0] });
  });

  it("refuses to return units a row does not hold as reserved, and changes nothing", async () => {
    // Prepare
    await tables.seed({ "LED-C": [5, 0] });
    const record = recordOf(["LED-C"], 1);
    await tables.putRecord(record);

    // Act
    const attempt = ledger.apply(returnStep(record, "RELEASED", { deleteWhenEmpty: false }));

    // Assess
    await expect(attempt).rejects.toThrow(
      `reservation ${record.orderId}: return refused (None,ConditionalCheckFailed); its rows were changed by hand, fix them`,
    );
    expect(await tables.record(record.orderId)).toEqual(record);
    expect(await tables.stock(["LED-C"])).toEqual({ "LED-C": [5, 0] });
  });

  it("applies a ship step as a ship: the units leave reserved, available untouched", async () => {
    // Prepare
    await tables.seed({ "LED-SH": [3, 2] });
    const record = recordOf(["LED-SH"], 1);
    await tables.putRecord(record);

    // Act
    const result = await ledger.apply(nextShipStep(record));

    // Assess
    expect(result).toEqual({ outcome: "applied" });
    expect(await tables.record(record.orderId)).toEqual({ ...record, status: "SHIPPED", heldLines: 0 });
    expect(await tables.stock(["LED-SH"])).toEqual({ "LED-SH": [3, 1] });
  });

  it("refuses a reservation row written without the held-lines bookkeeping", async () => {
    // Prepare
    const { heldLines: _, ...withoutHeldLines } = recordOf(["LED-D"], 1);
    await tables.putRecord(withoutHeldLines);

    // Act
    const attempt = ledger.get(withoutHeldLines.orderId);

    // Assess
    await expect(attempt).rejects.toThrow(
      `reservation ${withoutHeldLines.orderId}: its record has no valid heldLines or items; its rows were changed by hand`,
    );
  });
});

describe("dynamoShippingLedger on DynamoDB Local", () => {
  it("puts the shipment, sets the record SHIPPED and takes the lines out of reserved, available untouched", async () => {
    // Prepare
    await tables.seed({ "SHP-A": [3, 2] });
    const record = recordOf(["SHP-A"], 1);
    await tables.putRecord(record);
    const shipment = shipmentOf(record.orderId);

    // Act
    const result = await shipping.apply(nextShipStep(record), shipment);

    // Assess
    expect(result).toEqual({ outcome: "applied" });
    expect(await tables.record(record.orderId)).toEqual({ ...record, status: "SHIPPED", heldLines: 0 });
    expect(await readRow(client, db.names.shipments, { orderId: record.orderId })).toEqual(shipment);
    expect(await tables.stock(["SHP-A"])).toEqual({ "SHP-A": [3, 1] });
  });

  it("puts the shipment only with the step that leaves HELD, not with the later ones", async () => {
    // Prepare: a 100-line reservation whose first ship step is done
    const skus = Array.from({ length: 100 }, (_, index) => `SHP-L${index}`);
    await tables.seed(Object.fromEntries(skus.map((sku) => [sku, [3, 1] as [number, number]])));
    const record = recordOf(skus, 100);
    await tables.putRecord(record);
    const first = nextShipStep(record);
    await shipping.apply(first, shipmentOf(record.orderId));
    const second = nextShipStep(first.to);

    // Act: a repeat with the shipment given again
    const result = await shipping.apply(second, shipmentOf(record.orderId));

    // Assess
    expect(result).toEqual({ outcome: "applied" });
    expect(await tables.record(record.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(Object.values(await tables.stock(skus))).toEqual(skus.map(() => [3, 0]));
  });

  it("reports a ship step whose row holds fewer reserved units as short, with the reserved units, and writes nothing", async () => {
    // Prepare
    await tables.seed({ "SHP-B": [3, 0] });
    const record = recordOf(["SHP-B"], 1);
    await tables.putRecord(record);

    // Act
    const result = await shipping.apply(nextShipStep(record), shipmentOf(record.orderId));

    // Assess
    expect(result).toEqual({ outcome: "short", shortages: [{ sku: "SHP-B", requested: 1, available: 0 }] });
    expect(await tables.record(record.orderId)).toEqual(record);
    expect(await readRow(client, db.names.shipments, { orderId: record.orderId })).toBeUndefined();
  });

  it("refuses to book a second shipment beside a HELD record, a state only a hand-made row leads to", async () => {
    // Prepare
    await tables.seed({ "SHP-C": [3, 1] });
    const record = recordOf(["SHP-C"], 1);
    await tables.putRecord(record);
    const shipment = shipmentOf(record.orderId);
    await client.send(new PutCommand({ TableName: db.names.shipments, Item: shipment }));

    // Act
    const attempt = shipping.apply(nextShipStep(record), shipment);

    // Assess
    await expect(attempt).rejects.toThrow(
      `reservation ${record.orderId}: ship refused (None,ConditionalCheckFailed,None); its rows were changed by hand`,
    );
    expect(await tables.stock(["SHP-C"])).toEqual({ "SHP-C": [3, 1] });
  });
});
