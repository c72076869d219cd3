import type { Shipment } from "@orderflow/domain";
import type { LedgerStep, StepResult } from "@orderflow/task-reserve-inventory/ledger";
import type { ReservationRecord } from "@orderflow/task-reserve-inventory/reservation-record";

/** The shipments, reservations and inventory tables as create-shipment needs them. */
export interface ShipmentStore {
  /** The order's shipment, read strongly consistent. */
  getShipment(orderId: string): Promise<Shipment | undefined>;
  /** The order's reservation record (reserve-inventory's, with `heldLines`), read strongly consistent. */
  getReservation(orderId: string): Promise<ReservationRecord | undefined>;
  /**
   * One ship step (see `shipStep`) in one transaction: the record goes from `step.from` to `step.to` only
   * if it is still exactly `step.from`, the lines between their `heldLines` leave `reserved` (only where
   * `reserved` covers them), and the step that leaves HELD also puts `shipment` (only if the order has
   * none). All of it happens, or none of it.
   *
   * Answers like reserve-inventory's ledger: `stale` with the record as it is now, `short` naming the
   * lines whose rows hold fewer reserved units (as `available`), `contended` for a conflicting transaction.
   */
  ship(step: LedgerStep, shipment: Shipment): Promise<StepResult>;
}
