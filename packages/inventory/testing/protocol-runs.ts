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
    /** Returns what the order's reservation holds and marks it RELEASED, unless it shipped. */
    release: async (orderId: string) =>
      applySteps(orderId, await ledger.get(orderId), releaseStep, { ledger }),
  };
}
