import { vi } from "vitest";
import type { ReservationLedger, StepResult } from "../src/ledger";
import type { ReservationRecord } from "../src/reservation-record";

/**
 * A ledger that answers the steps with `results` in turn (then `applied`) and reads `stored`: enough to
 * steer the cores through each branch without imitating DynamoDB.
 */
export function scriptedLedger(results: readonly StepResult[] = [], stored?: ReservationRecord) {
  let next = 0;
  const apply = vi.fn<ReservationLedger["apply"]>(async () => results[next++] ?? { outcome: "applied" });
  const get = vi.fn<ReservationLedger["get"]>(async () => stored);
  return { apply, get } satisfies ReservationLedger;
}

/** `count` distinct lines, quantity 1 + index % 3. */
export function linesOf(count: number, prefix = "SKU") {
  return Array.from({ length: count }, (_, index) => ({
    sku: `${prefix}-${String(index).padStart(3, "0")}`,
    quantity: 1 + (index % 3),
  }));
}
