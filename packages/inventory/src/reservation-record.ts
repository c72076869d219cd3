/**
 * The reservations-table row and the steps that change it. A reservation holds stock line by line: the
 * record's `heldLines` says how many leading `items` currently have their units counted in the inventory
 * table's `reserved`. Every step moves the stock of some lines AND compares-and-sets the record in one
 * DynamoDB transaction, so the record is always the exact account of what the order holds, even when a
 * step is retried, crashes half-way or races another invocation.
 *
 * An order has at most 100 lines and a transaction at most 100 actions, one of which is the record's, so a
 * step covers at most 99 lines: a 100-line order is held in two steps (and returned in two).
 */
import type { LineItem, Reservation } from "@orderflow/domain";
import type { LedgerStep } from "./ledger";

/** DynamoDB's 100 actions per TransactWriteItems, less the one that writes the reservation record. */
export const MAX_LINES_PER_STEP = 99;

/** The reservations-table row: the domain's Reservation plus `heldLines`. */
export type ReservationRecord = Reservation & { readonly heldLines: number };

/** The reservation as the workflow sees it, without the bookkeeping. */
export function reservationOf({ heldLines: _, ...reservation }: ReservationRecord): Reservation {
  return reservation;
}

/** True when no further hold step applies: every line is held, or the reservation was released or shipped. */
export function isSettled(record: ReservationRecord): boolean {
  return record.status !== "HELD" || record.heldLines >= record.items.length;
}

/**
 * Holds the next lines (up to 99) of `record`: the first step of a reservation (`stored` false) creates
 * the record, and fails as stale when the order already has one.
 */
export function holdStep(record: ReservationRecord, stored: boolean): LedgerStep {
  const heldLines = Math.min(record.items.length, record.heldLines + MAX_LINES_PER_STEP);
  return { from: stored ? record : undefined, to: { ...record, heldLines } };
}

/**
 * Returns the last held lines (up to 99) of `record` and sets its status to `status`; with
 * `deleteWhenEmpty`, the step that returns the last line deletes the record instead.
 */
export function returnStep(
  record: ReservationRecord,
  status: ReservationRecord["status"],
  { deleteWhenEmpty }: { readonly deleteWhenEmpty: boolean },
): LedgerStep {
  const heldLines = Math.max(0, record.heldLines - MAX_LINES_PER_STEP);
  return {
    from: record,
    to: deleteWhenEmpty && heldLines === 0 ? undefined : { ...record, status, heldLines },
  };
}

/**
 * The next step of reserving an order, or undefined once its reservation is settled: without a record,
 * the step that creates `fresh()` (heldLines 0) with its first lines; then the next lines of the record.
 * A record that is no longer HELD is settled as it is: a reserve never undoes a release or a shipment.
 */
export function reserveStep(
  record: ReservationRecord | undefined,
  fresh: () => ReservationRecord,
): LedgerStep | undefined {
  if (!record) return holdStep(fresh(), false);
  return isSettled(record) ? undefined : holdStep(record, true);
}

/**
 * The next step of releasing a reservation (the compensation), or undefined when there is nothing to
 * return: the last held lines go back and the record becomes RELEASED. A SHIPPED record is never
 * returned, whatever it still holds: its stock belongs to the shipment, which the ship steps hand over.
 *
 * An order without a record gets `tombstone()` (RELEASED, no items): the release fences the order off, so
 * a reserve that lands after it (an invocation still running after Step Functions gave up on it) finds the
 * record and holds nothing, and a shipment finds it not HELD and books nothing.
 */
export function releaseStep(
  record: ReservationRecord | undefined,
  tombstone: () => ReservationRecord,
): LedgerStep | undefined {
  if (!record) return { from: undefined, to: tombstone() };
  if (record.status === "SHIPPED") return undefined;
  return record.status === "HELD" || record.heldLines > 0
    ? returnStep(record, "RELEASED", { deleteWhenEmpty: false })
    : undefined;
}

/** How a step moves stock: into `reserved` (hold), back to `available` (return), or out for good (ship). */
export type StockMove = "hold" | "return" | "ship";

/**
 * The stock a step moves: the lines between what the record holds before and after it. A step towards
 * SHIPPED takes its lines out of `reserved` for good; any other step that lowers the count returns them.
 */
export function stockMoveOf({ from, to }: LedgerStep): { move: StockMove; lines: LineItem[] } {
  const before = from?.heldLines ?? 0;
  const after = to?.heldLines ?? 0;
  const items = (to ?? from)?.items ?? [];
  if (before <= after) return { move: "hold", lines: items.slice(before, after) };
  return { move: to?.status === "SHIPPED" ? "ship" : "return", lines: items.slice(after, before) };
}
