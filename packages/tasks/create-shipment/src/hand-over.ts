import type { LineItem } from "@orderflow/domain";

/** DynamoDB's limit on the actions of one TransactWriteItems call. */
export const MAX_TRANSACTION_ACTIONS = 100;

/**
 * The first transaction also puts the shipment and moves the reservation to SHIPPED; each later one
 * also advances the reservation's batch counter. The rest of each transaction is stock updates.
 */
const FIRST_BATCH_SIZE = MAX_TRANSACTION_ACTIONS - 2;
const LATER_BATCH_SIZE = MAX_TRANSACTION_ACTIONS - 1;

/** Sums quantities per SKU, keeping first-seen order: one transaction may touch an item only once. */
export function mergeBySku(items: readonly LineItem[]): LineItem[] {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of items) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  return [...quantities].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Splits a reservation's stock into the batches the hand-over writes, one transaction each. Up to 98 SKUs
 * need one transaction; an order of the maximum 100 lines needs two. The split depends only on the
 * items, so a resumed run computes the same batches as the run it resumes.
 */
export function planHandOver(items: readonly LineItem[]): LineItem[][] {
  const merged = mergeBySku(items);
  const batches = [merged.slice(0, FIRST_BATCH_SIZE)];
  for (let start = FIRST_BATCH_SIZE; start < merged.length; start += LATER_BATCH_SIZE) {
    batches.push(merged.slice(start, start + LATER_BATCH_SIZE));
  }
  return batches;
}
