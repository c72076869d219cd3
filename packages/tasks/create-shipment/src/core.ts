import {
  type CreateShipmentInput,
  type Shipment,
  ShipmentFailed,
  ShipmentHandoverIncomplete,
  type Shortage,
} from "@orderflow/domain";
import {
  applySteps,
  type ContentionPolicy,
  isFullyHeld,
  type ReservationRecord,
  type ShipStep,
  type StepApplier,
  shipStep,
} from "@orderflow/inventory";
import type { ShippingConfig } from "./config";
import type { ShipmentStore } from "./store";
import { shipmentIdFor, trackingNumberFor } from "./tracking";

export interface CreateShipmentDeps {
  readonly store: ShipmentStore;
  readonly config: ShippingConfig;
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
  /**
   * How conflicting concurrent transactions are retried.
   * @default the ContentionPolicy defaults (4 attempts, waits up to 25·2ⁿ ms)
   */
  readonly contention?: ContentionPolicy;
}

const skusOf = (shortages: readonly Shortage[]) => shortages.map((s) => s.sku).join(", ");

/**
 * Why the order cannot ship from `record` (which is not SHIPPED) to `country`, or undefined when it can.
 * The reservation is the account of what ships: its items are the order's as reserved.
 */
function refusal(
  orderId: string,
  country: string | undefined,
  record: ReservationRecord | undefined,
  config: ShippingConfig,
): ShipmentFailed | undefined {
  if (country === undefined) {
    return new ShipmentFailed(`order ${orderId} has no recorded shipping address; it cannot be shipped`);
  }
  if (!config.supportedCountries.includes(country)) {
    return new ShipmentFailed(
      `we do not ship to ${country}; supported countries: ${config.supportedCountries.join(", ")}`,
    );
  }
  if (!record) {
    return new ShipmentFailed(
      `order ${orderId} has no stock reservation; reserve its inventory before shipping`,
    );
  }
  if (record.status !== "HELD") {
    return new ShipmentFailed(
      `the stock reservation of order ${orderId} is ${record.status}, not HELD, so it holds no stock to ship`,
    );
  }
  // Never ship part of an order. In the workflow this cannot happen (CreateShipment runs only after
  // ReserveInventory succeeded), so it means a reserve was interrupted or is rolling back: waiting would
  // hold this task on work only reserve-inventory can finish, and the compensation returns what is held.
  if (!isFullyHeld(record)) {
    return new ShipmentFailed(
      `the stock reservation of order ${orderId} holds only ${record.heldLines} of its ${record.items.length} ` +
        "lines (its reserve was interrupted); only a fully held reservation ships",
    );
  }
  return undefined;
}

/**
 * Books the order's shipment and hands the reserved stock over to it, on the reservation protocol
 * (`@orderflow/inventory`): the first step puts the shipment, turns the reservation HELD → SHIPPED and
 * takes up to 98 lines out of `reserved`, all in one transaction; a 100-line order needs a second step for
 * its last 2 (see `shipStep`). A repeat, or a run after a crash between the steps, returns the first shipment after
 * finishing the hand-over; overlapping runs book one shipment and hand each unit over once, because
 * every step compares-and-sets the record. release-inventory leaves a SHIPPED reservation alone.
 *
 * The request names the order only: the destination comes from the order as recorded in the orders
 * table, the items from its reservation.
 *
 * @throws ShipmentFailed when the order has no recorded address or its country is not served, the
 *   reservation is missing, not HELD (e.g. released: the order was compensated) or not fully held, or the
 *   inventory rows do not hold its reserved units.
 * @throws InventoryContention when concurrent orders keep conflicting after short retries (nothing written).
 * @throws ShipmentHandoverIncomplete (retryable) for any failure once the order has shipped.
 */
export async function createShipment(
  input: CreateShipmentInput,
  { store, config, now, contention }: CreateShipmentDeps,
): Promise<Shipment> {
  const { orderId } = input;
  const [found, country] = await Promise.all([store.reservations.get(orderId), store.destinationOf(orderId)]);
  // A shipped order answers a repeat with its shipment, whatever the settings say now.
  const refused = found?.status === "SHIPPED" ? undefined : refusal(orderId, country, found, config);
  if (refused) throw refused;

  const shipment: Shipment = {
    orderId,
    shipmentId: shipmentIdFor(orderId),
    carrier: config.carrier,
    trackingNumber: trackingNumberFor(config.carrier, orderId),
    status: "CREATED",
    createdAt: now().toISOString(),
  };
  let bookedByUs = false;
  // Once the first ship step committed (ours or another run's), the parcel is on its way: a later failure
  // must be retried, never compensated, or the customer is refunded for goods that ship.
  let shipped = found?.status === "SHIPPED";
  try {
    const ledger: StepApplier<ShipStep> = {
      async apply(step) {
        const result = await store.reservations.apply(step, shipment);
        if (result.outcome === "applied" || step.from.status === "SHIPPED") shipped = true;
        if (result.outcome === "applied" && step.from.status === "HELD") bookedByUs = true;
        return result;
      },
    };
    const { record, shortages } = await applySteps(orderId, found, shipStep, { ledger, contention });

    if (record?.status === "SHIPPED") shipped = true;
    else {
      // Nothing was written: the first step found the stock short, or the reservation changed under us.
      if (shortages) {
        throw new ShipmentFailed(
          `the inventory rows of ${skusOf(shortages)} hold fewer reserved units than order ${orderId}'s ` +
            "reservation; correct those rows before this order can ship",
        );
      }
      throw refusal(orderId, country, record, config) ?? new Error(`order ${orderId} did not ship; retry`);
    }
    if (shortages) {
      throw new Error(
        `stock hand-over of order ${orderId} stopped with ${record.heldLines} of its ${record.items.length} lines ` +
          `still reserved: the inventory rows of ${skusOf(shortages)} hold fewer reserved units; the shipment ` +
          "exists, so correct the rows and retry to finish it",
      );
    }
    if (bookedByUs) return shipment;
    const booked = await store.getShipment(orderId);
    if (!booked) {
      throw new Error(`order ${orderId} has a SHIPPED reservation but no shipment; fix the rows by hand`);
    }
    return booked;
  } catch (error) {
    if (!shipped) throw error;
    const reason = (error as Error).message;
    throw new ShipmentHandoverIncomplete(`order ${orderId} shipped; retry to finish: ${reason}`, {
      cause: error,
    });
  }
}
