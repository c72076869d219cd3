import type { Shortage } from "@orderflow/domain";
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

/** What became of a step. Only `applied` changed anything. */
export type StepResult =
  | { readonly outcome: "applied" }
  /** The record was not as expected; `current` is what it is now (undefined: there is none). */
  | { readonly outcome: "stale"; readonly current: ReservationRecord | undefined }
  /** A hold found too little stock; each short line with the units that were available. */
  | { readonly outcome: "short"; readonly shortages: readonly Shortage[] }
  /** A concurrent transaction touched the same rows; the step may simply be tried again. */
  | { readonly outcome: "contended" };

/** The reservations and inventory tables as reserve-inventory and release-inventory need them. */
export interface ReservationLedger {
  /** The order's record, read strongly consistent; undefined when it has none. */
  get(orderId: string): Promise<ReservationRecord | undefined>;
  apply(step: LedgerStep): Promise<StepResult>;
}
