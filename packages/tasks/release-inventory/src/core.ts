import type { ReleaseInventoryInput, ReleaseInventoryOutput } from "@orderflow/domain";
import { type DriveDeps, drive } from "@orderflow/task-reserve-inventory/drive";
import { returnStep } from "@orderflow/task-reserve-inventory/reservation-record";

export type ReleaseInventoryDeps = DriveDeps;

/**
 * Compensation for ReserveInventory: returns exactly the stock the order's reservation holds and marks it
 * RELEASED, in the same transactions, so it can never be returned twice (see reserve-inventory's README
 * for the record and its steps). A reservation left half-held by an interrupted reserve gives back just
 * its held lines; one that shipped gives back nothing.
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
  const { record, applied } = await drive(
    orderId,
    await deps.ledger.get(orderId),
    (current) =>
      current && current.status !== "SHIPPED" && (current.status === "HELD" || current.heldLines > 0)
        ? returnStep(current, "RELEASED", { deleteWhenEmpty: false })
        : undefined,
    deps,
  );
  if (!record) return { orderId, outcome: "NOTHING_RESERVED", items: [] };
  const outcome = record.status === "SHIPPED" ? "ALREADY_SHIPPED" : applied ? "RELEASED" : "ALREADY_RELEASED";
  return { orderId, outcome, items: record.items };
}
