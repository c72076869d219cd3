import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { dynamoReservationLedger } from "@orderflow/inventory";
import { protocolRuns, sentActions } from "@orderflow/inventory/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { shippingConfig } from "../src/config";
import { createShipment } from "../src/core";
import { dynamoShipmentStore } from "../src/dynamo-store";
import { lambdaTask, task } from "../src/task";
import fixture from "./fixtures/shipment-input.json" with { type: "json" };
import {
  AVAILABLE,
  expectedReserved,
  freshItems,
  maximalItems,
  OTHER_ORDERS_RESERVED,
  shipmentTables,
} from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const { handler } = await import("../src/handler");
const tables = shipmentTables(db);
const protocol = protocolRuns(dynamoReservationLedger(documentClient(), db.names));

describe("create-shipment handler on DynamoDB Local", () => {
  it("books the shipment, marks the reservation SHIPPED and takes the units out of reserved stock", async () => {
    // Prepare
    const order = await tables.reservedOrder();

    // Act
    const shipment = await handler({ ...order.input, executionId: "exec-1" });

    // Assess
    expect(shipment).toEqual({
      orderId: order.orderId,
      shipmentId: expect.stringMatching(/^shp_/),
      carrier: "DHL",
      trackingNumber: expect.stringMatching(/^DHL\d{12}$/),
      status: "CREATED",
      createdAt: expect.any(String),
    });
    expect(await tables.shipment(order.orderId)).toEqual(shipment);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
    expect(await tables.available(order.items)).toEqual(order.items.map(() => AVAILABLE));
  });

  it("fails with ShipmentFailed naming the recorded country and the supported list, and writes nothing", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(2), {}, { country: "US" });

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: "shipment failed: we do not ship to US; supported countries: DE, AT, NL, BE, FR, PT, ES, IT",
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "HELD", heldLines: 2 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  it.each([
    ["has no orders item", "no order item"],
    ["has an orders item without an address", "no address"],
  ] as const)("fails with ShipmentFailed and writes nothing when the order %s", async (_, destination) => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(2), {}, destination);

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: `shipment failed: order ${order.orderId} has no recorded shipping address; it cannot be shipped`,
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  it("fails with ShipmentFailed when the reservation was released", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(2), { status: "RELEASED", heldLines: 0 });

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining("is RELEASED, not HELD"),
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  it("fails as retryable, not ShipmentFailed, when a SHIPPED reservation has no shipment (the stock has left)", async () => {
    // Prepare: the two are only ever written together, so the rows were changed by hand.
    const order = await tables.reservedOrder(freshItems(2), { status: "SHIPPED", heldLines: 0 });

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentHandoverIncomplete",
      message: expect.stringContaining("has a SHIPPED reservation but no shipment"),
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
  });

  it("fails with ShipmentFailed when the order has no reservation", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const orderId = `${order.orderId}-x`;
    await tables.recordOrder(orderId, { country: "DE" });

    // Act
    const attempt = handler({ orderId });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining("has no stock reservation"),
    });
    expect(await tables.shipment(orderId)).toBeUndefined();
  });

  it("fails with ShipmentFailed and writes nothing when the reservation holds only some of its lines", async () => {
    // Prepare: a 100-line reserve interrupted between its two steps holds lines 0-98, not line 99.
    const order = await tables.reservedOrder(freshItems(100), { heldLines: 99 });

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining("holds only 99 of its 100 lines"),
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "HELD", heldLines: 99 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  it("writes nothing at all when one SKU's stock row does not hold the reserved units", async () => {
    // Prepare
    const items = [...freshItems(2), { sku: freshItems(1)[0]?.sku ?? "", quantity: 3 }];
    const order = await tables.reservedOrder(items);
    const short = items[2]?.sku ?? "";
    await tables.setReserved(short, 2);

    // Act
    const attempt = handler(order.input);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining(`the inventory rows of ${short} hold fewer reserved units`),
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "HELD", heldLines: 3 });
    expect(await tables.reserved(items)).toEqual([...expectedReserved(items.slice(0, 2), false), 2]);
  });

  it("returns the first shipment when called twice and hands the stock over once", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const first = await handler(order.input);

    // Act
    const second = await handler(order.input);

    // Assess
    expect(second).toEqual(first);
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("books one shipment and hands the stock over once when runs overlap", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(5));

    // Act
    const shipments = await Promise.all([
      handler(order.input),
      handler(order.input),
      handler(order.input),
      handler(order.input),
    ]);

    // Assess
    const stored = await tables.shipment(order.orderId);
    for (const shipment of shipments) expect(shipment).toEqual(stored);
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("ships an order of 100 lines, more than one transaction holds, handing each SKU over once", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(100));

    // Act
    const shipment = await handler(order.input);

    // Assess
    expect(await tables.shipment(order.orderId)).toEqual(shipment);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("hands each SKU of a 100-line order over once when runs overlap", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(100));

    // Act
    const shipments = await Promise.all([handler(order.input), handler(order.input), handler(order.input)]);

    // Assess
    expect(new Set(shipments.map((s) => s.createdAt)).size).toBe(1);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("ships a 100-line order of 32-character SKUs from an input that names the order only", async () => {
    // Prepare
    const order = await tables.reservedOrder(maximalItems(100));

    // Act
    const shipment = await handler({ orderId: order.orderId });

    // Assess
    expect(order.items.every((item) => item.sku.length === 32)).toBe(true);
    expect(shipment).toEqual(await tables.shipment(order.orderId));
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("ignores items and an address in the input: the reservation and the orders item decide", async () => {
    // Prepare: an input as the workflow sent it before, with another address and other items
    const order = await tables.reservedOrder(freshItems(2), {}, { country: "US" });
    const stale = {
      orderId: order.orderId,
      shippingAddress: { name: "A", line1: "B", city: "C", postalCode: "1", country: "DE" },
      items: [{ sku: "OTHER-SKU", quantity: 1 }],
    };

    // Act
    const attempt = handler(stale);

    // Assess
    await expect(attempt).rejects.toThrow("we do not ship to US");
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  describe("an order the release fenced off (the shipment lands after the compensation)", () => {
    it("fails with ShipmentFailed and books nothing when the release left a tombstone", async () => {
      // Prepare
      const order = await tables.reservedOrder();
      const orderId = `${order.orderId}-late`;
      await tables.recordOrder(orderId, { country: "DE" });
      await protocol.release(orderId);

      // Act
      const attempt = handler({ orderId });

      // Assess
      await expect(attempt).rejects.toMatchObject({
        name: "ShipmentFailed",
        message: expect.stringContaining(`the stock reservation of order ${orderId} is RELEASED, not HELD`),
      });
      expect(await tables.shipment(orderId)).toBeUndefined();
      expect(await tables.reservation(orderId)).toMatchObject({ status: "RELEASED", items: [] });
    });

    it("fails with ShipmentFailed, books nothing and moves no stock once the reservation was released", async () => {
      // Prepare
      const order = await tables.reservedOrder();
      await protocol.release(order.orderId);
      const afterRelease = await tables.reserved(order.items);

      // Act
      const attempt = handler(order.input);

      // Assess
      await expect(attempt).rejects.toMatchObject({ name: "ShipmentFailed" });
      expect(await tables.shipment(order.orderId)).toBeUndefined();
      expect(afterRelease).toEqual(order.items.map(() => OTHER_ORDERS_RESERVED));
      expect(await tables.reserved(order.items)).toEqual(afterRelease);
    });
  });

  it("sends only what its manifest grants, the orders item's read among it", async () => {
    // Prepare: the handler's store on a client whose requests are watched
    const client = documentClient();
    const sent = sentActions(client, db.names);
    const deps = {
      store: dynamoShipmentStore(client, db.names),
      config: shippingConfig({ SUPPORTED_COUNTRIES: "DE", CARRIER: "DHL" }),
      now: () => new Date(),
    };
    const order = await tables.reservedOrder(freshItems(100));

    // Act: a ship in two steps, then a repeat that reads the shipment
    await createShipment(order.input, deps);
    await createShipment(order.input, deps);

    // Assess
    expect(sent.all()).toEqual([
      "inventory:UpdateItem",
      "orders:GetItem",
      "reservations:GetItem",
      "reservations:UpdateItem",
      "shipments:GetItem",
      "shipments:PutItem",
    ]);
    expect(sent.ungranted(task.tables)).toEqual([]);
    expect(sent.ungranted(lambdaTask.tables)).toEqual([]);
  });

  it.each([
    ["without an order id", { orderId: undefined }],
    ["with an order id that is not one", { orderId: "ord 1" }],
  ])("rejects an input %s as a ValidationError naming orderId", async (_, change) => {
    // Act
    const attempt = handler({ ...fixture, ...change });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [expect.objectContaining({ path: "orderId" })],
    });
  });
});
