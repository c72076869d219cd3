import { type CreateShipmentInput, InventoryContention, ShipmentFailed } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { createShipment } from "../src/core";
import { shipmentIdFor, trackingNumberFor } from "../src/tracking";
import { heldRecord, lineItems, scriptedStore } from "./doubles";
import fixture from "./fixtures/shipment-input.json" with { type: "json" };

const input: CreateShipmentInput = fixture;
const { orderId } = input;
const config = { supportedCountries: ["DE", "AT"], carrier: "DHL" };
const clock = new Date("2030-03-04T05:06:07.000Z");
const now = () => clock;
const noWait = { pause: async () => undefined };
const held = heldRecord(orderId, lineItems(2));
const hundred = lineItems(100);
const heldHundred = heldRecord(orderId, hundred);
const booked = {
  orderId,
  shipmentId: shipmentIdFor(orderId),
  carrier: "DHL",
  trackingNumber: trackingNumberFor("DHL", orderId),
  status: "CREATED" as const,
  createdAt: clock.toISOString(),
};

describe("createShipment", () => {
  it("books the shipment and hands every held line over in one step that leaves the record SHIPPED with none held", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held] });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.reservations.apply).toHaveBeenCalledExactlyOnceWith(
      { from: held, to: { ...held, status: "SHIPPED", heldLines: 0 } },
      booked,
    );
  });

  it("reads the destination of the order named in the input from the orders table", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held] });

    // Act
    await createShipment(input, { store, config, now });

    // Assess
    expect(store.destinationOf).toHaveBeenCalledExactlyOnceWith(orderId);
    expect(store.reservations.get).toHaveBeenCalledWith(orderId);
  });

  it("refuses a recorded destination outside the supported list, naming the country and the list", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held], destination: "US" });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow(
      new ShipmentFailed("we do not ship to US; supported countries: DE, AT"),
    );
    expect(store.reservations.apply).not.toHaveBeenCalled();
  });

  it("refuses an order without a recorded shipping address", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held], destination: undefined });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow(
      new ShipmentFailed(`order ${orderId} has no recorded shipping address; it cannot be shipped`),
    );
    expect(store.reservations.apply).not.toHaveBeenCalled();
  });

  it.each([
    ["there is no reservation", undefined, "has no stock reservation"],
    ["the reservation was released", { ...held, status: "RELEASED" as const }, "is RELEASED, not HELD"],
    [
      "a release fenced the order off with its tombstone",
      { ...heldRecord(orderId, []), status: "RELEASED" as const },
      "is RELEASED, not HELD",
    ],
    [
      "the reservation holds only some lines (an interrupted 100-line reserve)",
      { ...heldHundred, heldLines: 99 },
      "holds only 99 of its 100 lines",
    ],
  ])("fails with ShipmentFailed and writes nothing when %s", async (_, reservation, reason) => {
    // Prepare
    const store = scriptedStore({ reservations: [reservation] });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ShipmentFailed);
    await expect(attempt).rejects.toThrow(reason);
    expect(store.reservations.apply).not.toHaveBeenCalled();
  });

  it.each([
    ["its country is no longer served", "DE"],
    ["its address is no longer recorded", undefined],
  ])(
    "returns the existing shipment of a shipped order without writing, even if %s",
    async (_, destination) => {
      // Prepare
      const earlier = { ...booked, createdAt: "2030-01-01T00:00:00.000Z" };
      const store = scriptedStore({
        shipments: [earlier],
        reservations: [{ ...held, status: "SHIPPED", heldLines: 0 }],
        destination,
      });

      // Act
      const shipment = await createShipment(input, {
        store,
        config: { ...config, supportedCountries: ["AT"] },
        now,
      });

      // Assess
      expect(shipment).toEqual(earlier);
      expect(store.reservations.apply).not.toHaveBeenCalled();
    },
  );

  it("ships a 100-line order in two steps from its reservation's items: the shipment with the last 98 lines, then the first 2", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [heldHundred] });

    // Act: the input names the order only
    await createShipment({ orderId }, { store, config, now });

    // Assess
    const halfShipped = { ...heldHundred, status: "SHIPPED" as const, heldLines: 2 };
    expect(store.reservations.apply.mock.calls.map(([step]) => step)).toEqual([
      { from: heldHundred, to: halfShipped },
      { from: halfShipped, to: { ...halfShipped, heldLines: 0 } },
    ]);
  });

  it("finishes the hand-over an earlier run left half-done before returning that run's shipment", async () => {
    // Prepare
    const halfShipped = { ...heldHundred, status: "SHIPPED" as const, heldLines: 2 };
    const store = scriptedStore({ shipments: [booked], reservations: [halfShipped] });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.reservations.apply).toHaveBeenCalledExactlyOnceWith(
      { from: halfShipped, to: { ...halfShipped, heldLines: 0 } },
      expect.anything(),
    );
  });

  it("returns the shipment a concurrent run booked between our read and our write", async () => {
    // Prepare
    const theirs = { ...booked, createdAt: "2030-03-04T05:06:06.000Z" };
    const store = scriptedStore({
      shipments: [theirs],
      reservations: [held],
      steps: [{ outcome: "stale", current: { ...held, status: "SHIPPED", heldLines: 0 } }],
    });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(theirs);
    expect(store.reservations.apply).toHaveBeenCalledTimes(1);
  });

  it("goes on from the record a concurrent run left when it wrote the second step first", async () => {
    // Prepare
    const halfShipped = { ...heldHundred, status: "SHIPPED" as const, heldLines: 2 };
    const store = scriptedStore({
      shipments: [booked],
      reservations: [halfShipped],
      steps: [{ outcome: "stale", current: { ...halfShipped, heldLines: 0 } }],
    });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.reservations.apply).toHaveBeenCalledTimes(1);
  });

  it("fails with ShipmentFailed when the reservation was released between our read and our write", async () => {
    // Prepare
    const store = scriptedStore({
      reservations: [held],
      steps: [{ outcome: "stale", current: { ...held, status: "RELEASED", heldLines: 0 } }],
    });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow(
      new ShipmentFailed(
        `the stock reservation of order ${orderId} is RELEASED, not HELD, so it holds no stock to ship`,
      ),
    );
  });

  it("fails with ShipmentFailed naming the SKUs whose inventory rows do not hold the reserved units", async () => {
    // Prepare
    const store = scriptedStore({
      reservations: [held],
      steps: [{ outcome: "short", shortages: [{ sku: "SKU-001", requested: 2, available: 1 }] }],
    });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ShipmentFailed);
    await expect(attempt).rejects.toThrow("the inventory rows of SKU-001 hold fewer reserved units");
  });

  it("fails as a task error, not ShipmentFailed, when the second step finds stock short: the shipment exists", async () => {
    // Prepare
    const store = scriptedStore({
      reservations: [heldHundred],
      steps: [
        { outcome: "applied" },
        { outcome: "short", shortages: [{ sku: "SKU-001", requested: 2, available: 0 }] },
      ],
    });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow(
      "stock hand-over of order ord_fixture stopped with 2 of its 100 lines still reserved: the inventory rows of SKU-001 hold",
    );
    await expect(attempt).rejects.not.toBeInstanceOf(ShipmentFailed);
  });

  it("gives up with InventoryContention, having written nothing, when conflicts do not stop", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held], steps: [{ outcome: "contended" }] });

    // Act
    const attempt = createShipment(input, { store, config, now, contention: noWait });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InventoryContention);
    expect(store.reservations.apply).toHaveBeenCalledTimes(4);
  });

  it("fails with a task error when a SHIPPED reservation has no shipment row", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [{ ...held, status: "SHIPPED", heldLines: 0 }] });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow("has a SHIPPED reservation but no shipment");
    await expect(attempt).rejects.not.toBeInstanceOf(ShipmentFailed);
  });
});
