import { type CreateShipmentInput, type LineItem, type Shipment, ShipmentFailed } from "@orderflow/domain";
import type { ShippingConfig } from "./config";
import { mergeBySku, planHandOver } from "./hand-over";
import type { ReservationRecord, ShipmentStore } from "./store";
import { shipmentIdFor, trackingNumberFor } from "./tracking";

export interface CreateShipmentDeps {
  readonly store: ShipmentStore;
  readonly config: ShippingConfig;
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

function sameItems(a: readonly LineItem[], b: readonly LineItem[]): boolean {
  const quantities = new Map(mergeBySku(a).map((item) => [item.sku, item.quantity]));
  const other = mergeBySku(b);
  return (
    other.length === quantities.size && other.every((item) => quantities.get(item.sku) === item.quantity)
  );
}

/** The reservation whose stock this shipment takes, or the ShipmentFailed that says why there is none. */
function stockToShip(
  input: CreateShipmentInput,
  reservation: ReservationRecord | undefined,
  config: ShippingConfig,
) {
  const { orderId, shippingAddress, items } = input;
  if (!config.supportedCountries.includes(shippingAddress.country)) {
    throw new ShipmentFailed(
      `we do not ship to ${shippingAddress.country}; supported countries: ${config.supportedCountries.join(", ")}`,
    );
  }
  if (!reservation) {
    throw new ShipmentFailed(
      `order ${orderId} has no stock reservation; reserve its inventory before shipping`,
    );
  }
  if (reservation.status !== "HELD") {
    throw new ShipmentFailed(
      `the stock reservation of order ${orderId} is ${reservation.status}, not HELD, so it holds no stock to ship`,
    );
  }
  if (!sameItems(items, reservation.items)) {
    throw new ShipmentFailed(
      `the items of order ${orderId} differ from what its reservation holds; ship only what was reserved`,
    );
  }
  return reservation;
}

/**
 * Writes the hand-over batches after the first, resuming from the reservation's counter. Each batch is
 * conditional on the counter, so a batch is written once even when runs overlap; a refused batch means
 * another run wrote it, and the fresh counter says where to go on.
 */
async function finishHandOver(
  store: ShipmentStore,
  orderId: string,
  reservation: ReservationRecord | undefined,
) {
  let current = reservation;
  while (current?.status === "SHIPPED" && (current.stockBatchesDone ?? 0) < (current.stockBatches ?? 0)) {
    const index = current.stockBatchesDone ?? 0;
    const batch = planHandOver(current.items)[index];
    if (!batch)
      throw new Error(`reservation of order ${orderId} counts more hand-over batches than its items make`);
    const outcome = await store.handOverBatch(orderId, index, batch);
    if (!outcome.ok && outcome.refused === "STOCK_SHORT") {
      throw new Error(
        `stock hand-over of order ${orderId} stopped at batch ${index + 1} of ${current.stockBatches}: the ` +
          `inventory rows of ${outcome.skus.join(", ")} hold fewer reserved units than the reservation; ` +
          `correct them and retry, the shipment exists and the hand-over resumes where it stopped`,
      );
    }
    current = outcome.ok ? { ...current, stockBatchesDone: index + 1 } : await store.getReservation(orderId);
  }
}

/**
 * Books the order's shipment and hands the reserved stock over to it: the shipment record, the
 * reservation moving HELD → SHIPPED and each SKU's `reserved` count dropping by the shipped quantity are
 * written in one transaction (two for orders beyond 98 SKUs, see the README). A repeat returns the first
 * shipment, after finishing its hand-over if an earlier run stopped half-way.
 *
 * @throws ShipmentFailed when the country is not served, the reservation is missing or not HELD, the
 *   items differ from the reservation, or the inventory does not hold the reserved units.
 */
export async function createShipment(
  input: CreateShipmentInput,
  deps: CreateShipmentDeps,
): Promise<Shipment> {
  const { store, config, now } = deps;
  const { orderId } = input;
  // A refused commit means another run or a release changed the state since we read it; reading again
  // shows which, so a second round always decides.
  for (let round = 1; round <= 2; round++) {
    let [existing, reservation] = await Promise.all([
      store.getShipment(orderId),
      store.getReservation(orderId),
    ]);
    // The two reads are no snapshot: another run may commit between them. A reservation no longer HELD
    // with no shipment seen may be that commit, and a read after it sees the shipment too.
    if (!existing && reservation && reservation.status !== "HELD")
      existing = await store.getShipment(orderId);
    if (existing) {
      await finishHandOver(store, orderId, reservation);
      return existing;
    }
    const held = stockToShip(input, reservation, config);
    const [firstBatch = [], ...laterBatches] = planHandOver(held.items);
    const shipment: Shipment = {
      orderId,
      shipmentId: shipmentIdFor(orderId),
      carrier: config.carrier,
      trackingNumber: trackingNumberFor(config.carrier, orderId),
      status: "CREATED",
      createdAt: now().toISOString(),
    };
    const outcome = await store.commitShipment(shipment, firstBatch, laterBatches.length + 1);
    if (outcome.ok) {
      await finishHandOver(store, orderId, {
        ...held,
        status: "SHIPPED",
        stockBatches: laterBatches.length + 1,
        stockBatchesDone: 1,
      });
      return shipment;
    }
    if (outcome.refused === "STOCK_SHORT") {
      throw new ShipmentFailed(
        `the inventory rows of ${outcome.skus.join(", ")} hold fewer reserved units than order ${orderId}'s ` +
          `reservation; the stock records disagree and need correcting before this order can ship`,
      );
    }
  }
  throw new Error(`the shipment state of order ${orderId} changed twice while booking it; retry`);
}
