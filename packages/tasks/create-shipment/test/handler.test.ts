import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import fixture from "./fixtures/shipment-input.json" with { type: "json" };
import { AVAILABLE, expectedReserved, freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["shipments", "reservations", "inventory"]);
const { handler } = await import("../src/handler");
const tables = shipmentTables(db);

describe("create-shipment handler on DynamoDB Local", () => {
  it("books the shipment, marks the reservation SHIPPED and takes the units out of reserved stock", async () => {
    // Prepare
    const order = await tables.reservedOrder();

    // Act
    const shipment = await handler({ ...order, executionId: "exec-1" });

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

  it("fails with ShipmentFailed naming the country and the supported list, and writes nothing", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const abroad = { ...order, shippingAddress: { ...order.shippingAddress, country: "US" } };

    // Act
    const attempt = handler(abroad);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: "shipment failed: we do not ship to US; supported countries: DE, AT, NL, BE, FR, PT, ES, IT",
    });
    expect(await tables.shipment(order.orderId)).toBeUndefined();
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "HELD", heldLines: 2 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, false));
  });

  it("fails with ShipmentFailed when the reservation was released", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(2), { status: "RELEASED", heldLines: 0 });

    // Act
    const attempt = handler(order);

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
    const attempt = handler(order);

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
    const unreserved = { ...order, orderId: `${order.orderId}-x` };

    // Act
    const attempt = handler(unreserved);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ShipmentFailed",
      message: expect.stringContaining("has no stock reservation"),
    });
    expect(await tables.shipment(unreserved.orderId)).toBeUndefined();
  });

  it("fails with ShipmentFailed and writes nothing when the reservation holds only some of its lines", async () => {
    // Prepare: a 100-line reserve interrupted between its two steps holds lines 0-98, not line 99.
    const order = await tables.reservedOrder(freshItems(100), { heldLines: 99 });

    // Act
    const attempt = handler(order);

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
    const attempt = handler(order);

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
    const first = await handler(order);

    // Act
    const second = await handler(order);

    // Assess
    expect(second).toEqual(first);
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("books one shipment and hands the stock over once when runs overlap", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(5));

    // Act
    const shipments = await Promise.all([handler(order), handler(order), handler(order), handler(order)]);

    // Assess
    const stored = await tables.shipment(order.orderId);
    for (const shipment of shipments) expect(shipment).toEqual(stored);
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("ships an order of 100 lines, more than one transaction holds, handing each SKU over once", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(100));

    // Act
    const shipment = await handler(order);

    // Assess
    expect(await tables.shipment(order.orderId)).toEqual(shipment);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("hands each SKU of a 100-line order over once when runs overlap", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(100));

    // Act
    const shipments = await Promise.all([handler(order), handler(order), handler(order)]);

    // Assess
    expect(new Set(shipments.map((s) => s.createdAt)).size).toBe(1);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED", heldLines: 0 });
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it.each([
    ["shippingAddress.country", { shippingAddress: { ...fixture.shippingAddress, country: "Germany" } }],
    ["items", { items: [] }],
    ["items[0].quantity", { items: [{ sku: "MUG-BLUE", quantity: 0 }] }],
    ["orderId", { orderId: undefined }],
  ])("rejects an input with a bad %s as a ValidationError naming that field", async (field, change) => {
    // Act
    const attempt = handler({ ...fixture, ...change });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [expect.objectContaining({ path: field })],
    });
  });
});
