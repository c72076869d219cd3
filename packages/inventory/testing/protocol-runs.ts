import type { LineItem } from "@orderflow/domain";
import { applySteps } from "../src/apply-steps";
import type { ReservationLedger } from "../src/ledger";
import { releaseStep, reserveStep } from "../src/reservation-record";

/**
 * Reserving and releasing the protocol's way, step by step on `ledger`, for tests of a task that works on
 * reservations the others left: the same planners the inventory tasks run, without their tasks.
 */
export function protocolRuns(ledger: ReservationLedger) {
  return {
    /**
     * Holds every line of `order`, creating its record. A shortage stops the run and is answered in
     * `shortages`; lines earlier steps held stay held (the reserve task's rollback is its own).
     * @param createdAt the new record's `createdAt` @default now
     */
    hold: (
      order: { readonly orderId: string; readonly items: readonly LineItem[] },
      createdAt = new Date(),
    ) =>
      applySteps(
        order.orderId,
        undefined,
        (record) =>
          reserveStep(record, () => ({
            orderId: order.orderId,
            items: [...order.items],
            status: "HELD",
            createdAt: createdAt.toISOString(),
            heldLines: 0,
          })),
        { ledger },
      ),
    /**
     * Returns what the order's reservation holds and marks it RELEASED, unless it shipped; an order
     * without a reservation is fenced off with a RELEASED tombstone (no items), as release-inventory does.
     * @param releasedAt a tombstone's `createdAt` @default now
     */
    release: async (orderId: string, releasedAt = new Date()) =>
      applySteps(
        orderId,
        await ledger.get(orderId),
        (record) =>
          releaseStep(record, () => ({
            orderId,
            items: [],
            status: "RELEASED",
            createdAt: releasedAt.toISOString(),
            heldLines: 0,
          })),
        { ledger },
      ),
  };
}
