import { OrderItems, OutOfStock, type Reservation, ReserveInventoryInput } from "@orderflow/domain";
import {
  type ApplyStepsDeps,
  applySteps,
  isSettled,
  reservationOf,
  reserveStep,
  returnStep,
} from "@orderflow/inventory";
import * as v from "valibot";

/**
 * The task's input: the domain's ReserveInventoryInput with the order's rules for items (each SKU once, at
 * most 100 lines), because a transaction may touch a row only once and a reservation serves one order.
 */
export const ReserveRequest = v.object({ ...ReserveInventoryInput.entries, items: OrderItems });
export type ReserveRequest = v.InferOutput<typeof ReserveRequest>;

export interface ReserveInventoryDeps extends ApplyStepsDeps {
  /** The clock that stamps `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

/**
 * Reserves every line of the order, all or nothing, and records the reservation under the order id.
 * Re-running for the same order returns its existing reservation and reserves nothing more (a RELEASED
 * one is refused: see below); a run that finds the reservation half-held (a 100-line order whose earlier run stopped
 * between its two steps) completes it.
 *
 * @throws OutOfStock naming every short SKU of the failing step with the units requested and available
 *   (a SKU without an inventory row has 0 available); any lines held by earlier steps are returned first,
 *   so the order holds nothing.
 * @throws InventoryContention when concurrent orders keep conflicting after short retries.
 * @throws Error when the order's reservation was released (the order was compensated): it holds nothing.
 */
export async function reserveInventory(
  input: ReserveRequest,
  deps: ReserveInventoryDeps,
): Promise<Reservation> {
  // A new order has no record yet: starting from none saves a read, and the first step's condition checks it.
  const fresh = () => ({
    ...input,
    status: "HELD" as const,
    createdAt: deps.now().toISOString(),
    heldLines: 0,
  });
  const held = await applySteps(input.orderId, undefined, (record) => reserveStep(record, fresh), deps);
  if (held.record?.status === "RELEASED") {
    // Not a business error: the order was compensated (released, or fenced off before this run got here),
    // so this run is one Step Functions gave up on, or a repeat of an order that must not go on.
    throw new Error(
      `the reservation of order ${input.orderId} is RELEASED: the order was compensated, so nothing is reserved; place a new order`,
    );
  }
  if (!held.shortages && held.record) return reservationOf(held.record);

  // Undo the steps that held lines before the short one. Another invocation for the same order may have
  // completed the reservation meanwhile; then that one stands.
  const undone = await applySteps(
    input.orderId,
    held.record,
    (record) =>
      record?.status === "HELD" && !isSettled(record)
        ? returnStep(record, "HELD", { deleteWhenEmpty: true })
        : undefined,
    deps,
  );
  if (undone.record?.status === "HELD") return reservationOf(undone.record);
  throw new OutOfStock(held.shortages ?? []);
}
