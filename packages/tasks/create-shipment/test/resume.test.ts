import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { createShipment } from "../src/core";
import { dynamoShipmentStore } from "../src/dynamo-store";
import { expectedReserved, freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["shipments", "reservations", "inventory"]);
const { handler } = await import("../src/handler");
const tables = shipmentTables(db);
const store = dynamoShipmentStore(documentClient(), db.names);
const config = { supportedCountries: ["DE"], carrier: "DHL" };

describe("a 100-line hand-over interrupted after its first transaction", () => {
  it("is left consistent, and the next run finishes it, handing each SKU over once", async () => {
    // Prepare: a run that dies (as on a Lambda timeout) right after the first transaction committed.
    const order = await tables.reservedOrder(freshItems(100));
    const dying = {
      ...store,
      handOverBatch: async () => {
        throw new Error("Task timed out after 10.00 seconds");
      },
    };
    await expect(createShipment(order, { store: dying, config, now: () => new Date() })).rejects.toThrow(
      "Task timed out",
    );
    const [firstBatch, lastBatch] = [order.items.slice(0, 98), order.items.slice(98)];
    expect(await tables.reservation(order.orderId)).toMatchObject({
      status: "SHIPPED",
      stockBatches: 2,
      stockBatchesDone: 1,
    });
    expect(await tables.reserved(firstBatch)).toEqual(expectedReserved(firstBatch, true));
    expect(await tables.reserved(lastBatch)).toEqual(expectedReserved(lastBatch, false));
    const booked = await tables.shipment(order.orderId);

    // Act: the workflow's retry.
    const shipment = await handler(order);

    // Assess
    expect(shipment).toEqual(booked);
    expect(await tables.reservation(order.orderId)).toMatchObject({ stockBatchesDone: 2 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });
});
