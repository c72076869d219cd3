import type { LineItem, Reservation, Shipment } from "@orderflow/domain";

/**
 * An order's reservation as create-shipment sees it: the reserve-inventory record plus the hand-over
 * progress this task adds when it ships (`stockBatchesDone` of `stockBatches` transactions written).
 */
export interface ReservationRecord extends Reservation {
  readonly stockBatches?: number | undefined;
  readonly stockBatchesDone?: number | undefined;
}

/** How a conditional write went. */
export type WriteOutcome =
  | { readonly ok: true }
  /** A condition on the shipment or the reservation failed: another run (or a release) got there first. */
  | { readonly ok: false; readonly refused: "STATE_CHANGED" }
  /** These SKUs' inventory rows hold fewer reserved units than the batch takes. */
  | { readonly ok: false; readonly refused: "STOCK_SHORT"; readonly skus: readonly string[] };

/** The shipments, reservations and inventory tables as create-shipment needs them. */
export interface ShipmentStore {
  /** The order's shipment, read strongly consistent. */
  getShipment(orderId: string): Promise<Shipment | undefined>;
  /** The order's reservation, read strongly consistent. */
  getReservation(orderId: string): Promise<ReservationRecord | undefined>;
  /**
   * One transaction: puts `shipment` if the order has none, moves the reservation from HELD to SHIPPED
   * recording `batches` hand-over batches with the first one done, and takes `firstBatch` out of each
   * SKU's `reserved` count (only where `reserved` covers it). All of it happens, or none of it.
   */
  commitShipment(shipment: Shipment, firstBatch: readonly LineItem[], batches: number): Promise<WriteOutcome>;
  /**
   * One transaction: takes `batch` out of `reserved` and counts batch `index` done, only if the
   * reservation is SHIPPED with exactly `index` batches done. All of it happens, or none of it.
   */
  handOverBatch(orderId: string, index: number, batch: readonly LineItem[]): Promise<WriteOutcome>;
}
