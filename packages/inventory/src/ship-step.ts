/**
 * Shipping on the reservation protocol: the record's `heldLines` counts the leading `items` whose units
 * sit in the inventory's `reserved`, and every step moves the stock of some lines AND compares-and-sets
 * the record in one transaction. A ship step moves lines out of `reserved` for good (they leave the
 * warehouse) and sets the record SHIPPED with the smaller count, so a SHIPPED record with `heldLines > 0`
 * is a hand-over still under way, and one with 0 is finished.
 */
import type { LineItem } from "@orderflow/domain";
import type { ShipStep } from "./ledger";
import { MAX_LINES_PER_STEP, type ReservationRecord } from "./reservation-record";

/** The step that turns the reservation SHIPPED also puts the shipment: one action fewer for stock. */
export const FIRST_SHIP_STEP_LINES = MAX_LINES_PER_STEP - 1;

/** True when every line of the order is held, the only state in which a reservation may ship. */
export function isFullyHeld(record: ReservationRecord): boolean {
  return record.status === "HELD" && record.heldLines === record.items.length;
}

/**
 * The next step of handing a reservation's stock over to its shipment, or undefined when there is none:
 * a fully held reservation becomes SHIPPED and hands over its last lines (up to 98, the step also puts the
 * shipment); a SHIPPED one still holding lines hands over the next (up to 99). Lines leave from the end,
 * so `heldLines` keeps meaning "the leading lines still in reserved", and a 100-line order takes two
 * steps, as with reserving and releasing it.
 */
export function shipStep(record: ReservationRecord | undefined): ShipStep | undefined {
  if (!record) return undefined;
  const first = isFullyHeld(record);
  if (!first && !(record.status === "SHIPPED" && record.heldLines > 0)) return undefined;
  const lines = first ? FIRST_SHIP_STEP_LINES : MAX_LINES_PER_STEP;
  return {
    from: record,
    to: { ...record, status: "SHIPPED", heldLines: Math.max(0, record.heldLines - lines) },
  };
}

/** The lines a ship step hands over: those between the two held counts, from the end (as `stockMoveOf` says). */
export function shippedLines({ from, to }: ShipStep): LineItem[] {
  return from.items.slice(to.heldLines, from.heldLines);
}
