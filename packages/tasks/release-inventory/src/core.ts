import type { ReleaseInventoryInput, ReleaseInventoryOutput } from "@orderflow/domain";
import { type ApplyStepsDeps, applySteps, type ReservationLedger, releaseStep } from "@orderflow/inventory";

export interface ReleaseInventoryDeps extends ApplyStepsDeps {
  /** The reservations: the release starts from the order's record as it is. */
  readonly ledger: ReservationLedger;
}

/**
 * Compensation for ReserveInventory: returns exactly the stock the order's reservation holds and marks it
 * RELEASED, in the same transactions, so it can never be returned twice (see the inventory library's
 * README for the record and its steps). A reservation left half-held by an interrupted reserve gives back
 * just its held lines; one that shipped gives back nothing.
 *
 * Outcomes: RELEASED (this run returned stock), ALREADY_RELEASED, NOTHING_RESERVED (no reservation, or
 * the reserve rolled itself back), ALREADY_SHIPPED. `items` are the reservation's line items (empty when
 * there is none).
 *
 * @throws InventoryContention when concurrent orders keep conflicting after short retries.
 */
export async function releaseInventory(
  { orderId }: ReleaseInventoryInput,
  deps: ReleaseInventoryDeps,
): Promise<ReleaseInventoryOutput> {
  const { record, applied } = await applySteps(orderId, await deps.ledger.get(orderId), releaseStep, deps);
  if (!record) return { orderId, outcome: "NOTHING_RESERVED", items: [] };
  const outcome = record.status === "SHIPPED" ? "ALREADY_SHIPPED" : applied ? "RELEASED" : "ALREADY_RELEASED";
  return { orderId, outcome, items: record.items };
}
