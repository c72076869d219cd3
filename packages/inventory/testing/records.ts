import type { LineItem } from "@orderflow/domain";
import type { ReservationRecord } from "../src/reservation-record";

/** `count` distinct lines, quantity 1 + index % 3. */
export function linesOf(count: number, prefix = "SKU"): LineItem[] {
  return Array.from({ length: count }, (_, index) => ({
    sku: `${prefix}-${String(index).padStart(3, "0")}`,
    quantity: 1 + (index % 3),
  }));
}

/**
 * The reservation record of order `ord_1` over `lineCount` lines ({@link linesOf}), `heldLines` of them held.
 * @param status @default "HELD"
 */
export function recordOf(
  lineCount: number,
  heldLines: number,
  status: ReservationRecord["status"] = "HELD",
): ReservationRecord {
  return {
    orderId: "ord_1",
    items: linesOf(lineCount),
    status,
    createdAt: "2026-02-01T00:00:00.000Z",
    heldLines,
  };
}
