import type { ReleaseInventoryInput, ReleaseInventoryOutput } from "@orderflow/domain";
import {
  type ApplyStepsDeps,
  applySteps,
  type ReservationLedger,
  type ReservationRecord,
  releaseStep,
} from "@orderflow/inventory";

export interface ReleaseInventoryDeps extends ApplyStepsDeps {
  /** The reservations: the release starts from the order's record as it is. */
  readonly ledger: ReservationLedger;
  /** The clock that stamps a tombstone's `createdAt`; a parameter so tests can fix it. */
  readonly now: () => Date;
}

type Outcome = ReleaseInventoryOutput["outcome"];

function outcomeOf(record: ReservationRecord, applied: boolean): Outcome {
  if (record.status === "SHIPPED") return record.heldLines > 0 ? "HANDOVER_INCOMPLETE" : "ALREADY_SHIPPED";
  // A tombstone (this run's or an earlier one's) stands for an order that never held stock.
  if (record.items.length === 0) return "NOTHING_RESERVED";
  return applied ? "RELEASED" : "ALREADY_RELEASED";
}

/**
 * Compensation for ReserveInventory: returns exactly the stock the order's reservation holds and marks it
 * RELEASED, in the same transactions, so it can never be returned twice (see the inventory library's
 * README for the record and its steps). A reservation left half-held by an interrupted reserve gives back
 * just its held lines; one that shipped gives back nothing.
 *
 * It is also the order's fence: an order without a reservation gets a RELEASED tombstone, so a reserve or
 * a shipment that lands later (an invocation still running after Step Functions gave up on it) finds the
 * order released and does nothing; and after CreateShipment failed it answers whether the order shipped
 * after all, which the workflow asks before it refunds anything.
 *
 * Outcomes: RELEASED (this run returned stock), ALREADY_RELEASED, NOTHING_RESERVED (no reservation, or
 * the reserve rolled itself back), ALREADY_SHIPPED (every unit handed over to the shipment),
 * HANDOVER_INCOMPLETE (shipped, some lines still reserved). `items` are the reservation's line items (empty
 * when there is none).
 *
 * @throws InventoryContention when concurrent orders keep conflicting after short retries.
 */
export async function releaseInventory(
  { orderId }: ReleaseInventoryInput,
  deps: ReleaseInventoryDeps,
): Promise<ReleaseInventoryOutput> {
  const tombstone = (): ReservationRecord => ({
    orderId,
    items: [],
    status: "RELEASED",
    createdAt: deps.now().toISOString(),
    heldLines: 0,
  });
  const plan = (record: ReservationRecord | undefined) => releaseStep(record, tombstone);
  const { record, applied } = await applySteps(orderId, await deps.ledger.get(orderId), plan, deps);
  if (!record) throw new Error(`order ${orderId}: the release left no reservation record; retry`);
  return { orderId, outcome: outcomeOf(record, applied), items: record.items };
}
