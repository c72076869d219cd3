import type { Shipment } from "@orderflow/domain";
import type { ShippingLedger } from "@orderflow/inventory";

/** The shipments, reservations and inventory tables as create-shipment needs them. */
export interface ShipmentStore {
  /** The order's shipment, read strongly consistent. */
  getShipment(orderId: string): Promise<Shipment | undefined>;
  /** The country of the order's shipping address as the orders table records it; undefined without one. */
  destinationOf(orderId: string): Promise<string | undefined>;
  /**
   * The reservations on the protocol (`@orderflow/inventory`): `get` reads the order's record (with
   * `heldLines`) strongly consistent; `apply(step, shipment)` makes one ship step (see `shipStep`) one
   * transaction — the record goes from `step.from` to `step.to` only if it is still exactly `step.from`,
   * the lines between their `heldLines` leave `reserved` (only where `reserved` covers them), and the step
   * that leaves HELD also puts `shipment` (only if the order has none). All of it happens, or none of it.
   * It answers `stale` with the record as it is now, `short` naming the lines whose rows hold fewer
   * reserved units (as `available`), `contended` for a conflicting transaction.
   */
  readonly reservations: ShippingLedger;
}
