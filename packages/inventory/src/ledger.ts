import type { Shipment, Shortage } from "@orderflow/domain";
import type { ReservationRecord } from "./reservation-record";

/**
 * One atomic change of a reservation: the record goes from `from` to `to`, and the stock of the lines
 * between the two `heldLines` counts moves with it (see `stockMoveOf`).
 */
export interface LedgerStep {
  /** The record as the step expects to find it; undefined: the step creates it and expects none. */
  readonly from: ReservationRecord | undefined;
  /** The record after the step; undefined: the step deletes it. */
  readonly to: ReservationRecord | undefined;
}

/** A step of handing a reservation's stock over to its shipment (see `shipStep`): it never creates or deletes. */
export interface ShipStep extends LedgerStep {
  readonly from: ReservationRecord;
  readonly to: ReservationRecord & { readonly status: "SHIPPED" };
}

/** What became of a step. Only `applied` changed anything. */
export type StepResult =
  | { readonly outcome: "applied" }
  /** The record was not as expected; `current` is what it is now (undefined: there is none). */
  | { readonly outcome: "stale"; readonly current: ReservationRecord | undefined }
  /** A hold (or ship) found too few units; each short line with the units its row had. */
  | { readonly outcome: "short"; readonly shortages: readonly Shortage[] }
  /** A concurrent transaction touched the same rows; the step may simply be tried again. */
  | { readonly outcome: "contended" };

/** What applies steps of one kind: all the apply loop needs of a ledger. */
export interface StepApplier<S extends LedgerStep = LedgerStep> {
  apply(step: S): Promise<StepResult>;
}

/** The reservations and inventory tables as the steps of the reservation protocol need them. */
export interface ReservationLedger extends StepApplier {
  /** The order's record, read strongly consistent; undefined when it has none. */
  get(orderId: string): Promise<ReservationRecord | undefined>;
}

/** The reservation ledger of shipping: ship steps, the booking one with the shipment. */
export interface ShippingLedger {
  /** The order's record, read strongly consistent; undefined when it has none. */
  get(orderId: string): Promise<ReservationRecord | undefined>;
  /**
   * Applies `step`; the step that books the shipment (the one that leaves HELD) also puts `shipment` in
   * the same transaction, only if the order has none yet.
   */
  apply(step: ShipStep, shipment?: Shipment): Promise<StepResult>;
}
