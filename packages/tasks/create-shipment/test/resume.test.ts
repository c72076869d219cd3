import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger } from "@orderflow/inventory";
import { protocolRuns } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { createShipment } from "../src/core";
import { dynamoShipmentStore } from "../src/dynamo-store";
import type { ShipmentStore } from "../src/store";
import { containerTask, lambdaTask } from "../src/task";
import { expectedReserved, freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const { handler } = await import("../src/handler");
const protocol = protocolRuns(dynamoReservationLedger(documentClient(), db.names));
const tables = shipmentTables(db);
const store = dynamoShipmentStore(documentClient(), db.names);
const config = { supportedCountries: ["DE"], carrier: "DHL" };

/** The store of a run that dies (as on a timeout or crash) right after its first step committed. */
function dyingAfterFirstStep(): ShipmentStore {
  let steps = 0;
  return {
    ...store,
    reservations: {
      get: store.reservations.get,
      apply: async (step, shipment) => {
        if (++steps > 1) throw new Error("Task timed out after 10.00 seconds");
        return store.reservations.apply(step, shipment);
      },
    },
  };
}

describe("a 100-line hand-over interrupted after its first step", () => {
  it("is left consistent, release leaves it alone, and the next run finishes it, handing each unit over once", async () => {
    // Prepare: the dying run
    const order = await tables.reservedOrder(freshItems(100));
    const interrupted = createShipment(order.input, {
      store: dyingAfterFirstStep(),
      config,
      now: () => new Date(),
    });
    await expect(interrupted).rejects.toThrow("Task timed out");
    const [stillHeld, handedOver] = [order.items.slice(0, 2), order.items.slice(2)];
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 2 });
    expect(await tables.reserved(handedOver)).toEqual(expectedReserved(handedOver, true));
    expect(await tables.reserved(stillHeld)).toEqual(expectedReserved(stillHeld, false));
    const booked = await tables.shipment(order.orderId);

    // Act: a compensation's release that runs in between, then the workflow's retry.
    const released = await protocol.release(order.orderId);
    const untouched = await tables.reserved(order.items);
    const shipment = await handler(order.input);

    // Assess
    expect(released).toMatchObject({ applied: false, record: { status: "SHIPPED", heldLines: 2 } });
    expect(untouched).toEqual([...expectedReserved(stillHeld, false), ...expectedReserved(handedOver, true)]);
    expect(shipment).toEqual(booked);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });
});

describe("a hand-over that fails after the shipment was committed", () => {
  it("is reported as the retryable ShipmentHandoverIncomplete, and the retry finishes it exactly once", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(100));

    // Act
    const interrupted = createShipment(order.input, {
      store: dyingAfterFirstStep(),
      config,
      now: () => new Date(),
    });
    const failure = await interrupted.catch((error: unknown) => error);
    const shipment = await handler(order.input);
    const again = await handler(order.input);

    // Assess
    expect(failure).toMatchObject({ name: "ShipmentHandoverIncomplete" });
    expect(lambdaTask.retryableErrors).toContain("ShipmentHandoverIncomplete");
    expect(containerTask.retryableErrors).toContain("ShipmentHandoverIncomplete");
    expect(shipment).toEqual(await tables.shipment(order.orderId));
    expect(again).toEqual(shipment);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });
});
