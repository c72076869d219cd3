import { type CreateShipmentInput, ShipmentFailed } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { createShipment } from "../src/core";
import type { ReservationRecord } from "../src/store";
import { shipmentIdFor, trackingNumberFor } from "../src/tracking";
import { lineItems, scriptedStore } from "./doubles";
import fixture from "./fixtures/shipment-input.json" with { type: "json" };

const input: CreateShipmentInput = fixture;
const { orderId } = input;
const config = { supportedCountries: ["DE", "AT"], carrier: "DHL" };
const clock = new Date("2030-03-04T05:06:07.000Z");
const now = () => clock;
const held: ReservationRecord = {
  orderId,
  items: input.items,
  status: "HELD",
  createdAt: "2030-03-04T00:00:00Z",
};
const booked = {
  orderId,
  shipmentId: shipmentIdFor(orderId),
  carrier: "DHL",
  trackingNumber: trackingNumberFor("DHL", orderId),
  status: "CREATED" as const,
  createdAt: clock.toISOString(),
};

describe("createShipment", () => {
  it("books the shipment and hands the reservation's stock over in one write", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held] });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.commitShipment).toHaveBeenCalledExactlyOnceWith(booked, input.items, 1);
    expect(store.handOverBatch).not.toHaveBeenCalled();
  });

  it("refuses a country outside the supported list, naming the country and the list", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [held] });
    const abroad = { ...input, shippingAddress: { ...input.shippingAddress, country: "US" } };

    // Act
    const attempt = createShipment(abroad, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow(
      new ShipmentFailed("we do not ship to US; supported countries: DE, AT"),
    );
    expect(store.commitShipment).not.toHaveBeenCalled();
  });

  it.each([
    ["there is no reservation", undefined, "has no stock reservation"],
    ["the reservation was released", { ...held, status: "RELEASED" as const }, "is RELEASED, not HELD"],
    ["the reservation was shipped", { ...held, status: "SHIPPED" as const }, "is SHIPPED, not HELD"],
    [
      "the items differ from the reservation",
      { ...held, items: lineItems(2) },
      "differ from what its reservation",
    ],
  ])("fails with ShipmentFailed when %s", async (_, reservation, reason) => {
    // Prepare
    const store = scriptedStore({ reservations: [reservation] });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ShipmentFailed);
    await expect(attempt).rejects.toThrow(reason);
    expect(store.commitShipment).not.toHaveBeenCalled();
  });

  it("accepts the order's items in another order than the reservation lists them", async () => {
    // Prepare
    const store = scriptedStore({ reservations: [{ ...held, items: [...input.items].reverse() }] });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment.orderId).toBe(orderId);
  });

  it("returns an existing shipment without writing, even if the country is no longer served", async () => {
    // Prepare
    const earlier = { ...booked, createdAt: "2030-01-01T00:00:00.000Z" };
    const shipped = { ...held, status: "SHIPPED" as const, stockBatches: 1, stockBatchesDone: 1 };
    const store = scriptedStore({ shipments: [earlier], reservations: [shipped] });

    // Act
    const shipment = await createShipment(input, {
      store,
      config: { ...config, supportedCountries: ["AT"] },
      now,
    });

    // Assess
    expect(shipment).toEqual(earlier);
    expect(store.commitShipment).not.toHaveBeenCalled();
    expect(store.handOverBatch).not.toHaveBeenCalled();
  });

  it("hands over a 100-line order in two transactions: 98 SKUs with the shipment, then the last 2", async () => {
    // Prepare
    const items = lineItems(100);
    const store = scriptedStore({ reservations: [{ ...held, items }] });

    // Act
    await createShipment({ ...input, items }, { store, config, now });

    // Assess
    expect(store.commitShipment).toHaveBeenCalledExactlyOnceWith(booked, items.slice(0, 98), 2);
    expect(store.handOverBatch).toHaveBeenCalledExactlyOnceWith(orderId, 1, items.slice(98));
  });

  it("finishes the hand-over an earlier run left half-done before returning its shipment", async () => {
    // Prepare
    const items = lineItems(100);
    const halfDone = { ...held, items, status: "SHIPPED" as const, stockBatches: 2, stockBatchesDone: 1 };
    const store = scriptedStore({ shipments: [booked], reservations: [halfDone] });

    // Act
    const shipment = await createShipment({ ...input, items }, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.handOverBatch).toHaveBeenCalledExactlyOnceWith(orderId, 1, items.slice(98));
  });

  it("goes on from the fresh counter when another run wrote a batch first", async () => {
    // Prepare
    const items = lineItems(100);
    const halfDone = { ...held, items, status: "SHIPPED" as const, stockBatches: 2, stockBatchesDone: 1 };
    const store = scriptedStore({
      shipments: [booked],
      reservations: [halfDone, { ...halfDone, stockBatchesDone: 2 }],
      handOvers: [{ ok: false, refused: "STATE_CHANGED" }],
    });

    // Act
    await createShipment({ ...input, items }, { store, config, now });

    // Assess
    expect(store.handOverBatch).toHaveBeenCalledTimes(1);
    expect(store.getReservation).toHaveBeenCalledTimes(2);
  });

  it("returns the shipment a concurrent run booked between our read and our write", async () => {
    // Prepare
    const theirs = { ...booked, createdAt: "2030-03-04T05:06:06.000Z" };
    const store = scriptedStore({
      shipments: [undefined, theirs],
      reservations: [held, { ...held, status: "SHIPPED", stockBatches: 1, stockBatchesDone: 1 }],
      commits: [{ ok: false, refused: "STATE_CHANGED" }],
    });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(theirs);
    expect(store.commitShipment).toHaveBeenCalledTimes(1);
  });

  it("fails with ShipmentFailed when the reservation was released between our read and our write", async () => {
    // Prepare
    const store = scriptedStore({
      reservations: [held, { ...held, status: "RELEASED" }],
      commits: [{ ok: false, refused: "STATE_CHANGED" }],
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

  it("fails with ShipmentFailed naming the SKUs whose inventory does not hold the reserved units", async () => {
    // Prepare
    const store = scriptedStore({
      reservations: [held],
      commits: [{ ok: false, refused: "STOCK_SHORT", skus: ["MUG-BLUE"] }],
    });

    // Act
    const attempt = createShipment(input, { store, config, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ShipmentFailed);
    await expect(attempt).rejects.toThrow("the inventory rows of MUG-BLUE hold fewer reserved units");
  });

  it("fails as a task error, not ShipmentFailed, when a later batch finds stock short: the shipment exists", async () => {
    // Prepare
    const items = lineItems(100);
    const store = scriptedStore({
      reservations: [{ ...held, items }],
      handOvers: [{ ok: false, refused: "STOCK_SHORT", skus: ["SKU-099"] }],
    });

    // Act
    const attempt = createShipment({ ...input, items }, { store, config, now });

    // Assess
    await expect(attempt).rejects.toThrow("stock hand-over of order ord_fixture stopped at batch 2 of 2");
    await expect(attempt).rejects.not.toBeInstanceOf(ShipmentFailed);
  });

  it("looks for the shipment again when the reservation read already saw a concurrent run's commit", async () => {
    // Prepare
    const shipped = { ...held, status: "SHIPPED" as const, stockBatches: 1, stockBatchesDone: 1 };
    const store = scriptedStore({ shipments: [undefined, booked], reservations: [shipped] });

    // Act
    const shipment = await createShipment(input, { store, config, now });

    // Assess
    expect(shipment).toEqual(booked);
    expect(store.commitShipment).not.toHaveBeenCalled();
  });
});
