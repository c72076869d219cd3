import type { ReservationLedger, StepResult } from "@orderflow/task-reserve-inventory/ledger";
import type { ReservationRecord } from "@orderflow/task-reserve-inventory/reservation-record";
import { vi } from "vitest";

/**
 * A ledger that reads `stored` and answers the steps with `results` in turn (then `applied`): enough to
 * steer the core through each branch without imitating DynamoDB.
 */
export function scriptedLedger(stored: ReservationRecord | undefined, results: readonly StepResult[] = []) {
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
