/**
 * Test support for the reservation protocol, shared by this package's tests and release-inventory's (which
 * runs the same ledger and tables): a scripted ledger, reservation records and test access to the inventory
 * and reservations tables. Only tests import it; the handler bundle never does.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { InventoryItem } from "@orderflow/domain";
import { readInventory, seedInventory } from "@orderflow/dynamodb-local";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import fc from "fast-check";
import { vi } from "vitest";
import type { ReservationLedger, StepResult } from "./ledger";
import type { ReservationRecord } from "./reservation-record";

/** What a {@link scriptedLedger} answers. */
export interface LedgerScript {
  /**
   * The answers to the steps, in turn; once they run out every step is `applied`.
   * @default []
   */
  readonly results?: readonly StepResult[];
  /**
   * The record `get` reads.
   * @default undefined (no reservation)
   */
  readonly stored?: ReservationRecord | undefined;
}

/**
 * A ledger that answers the steps as scripted and reads the scripted record: enough to steer the cores
 * through each branch without imitating DynamoDB.
 */
export function scriptedLedger({ results = [], stored }: LedgerScript = {}) {
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

/** Test access to the inventory and reservations tables of one test file. */
export function stockTables(db: LocalTables) {
  const client = documentClient();
  return {
    /** Puts one row per SKU with `available` units and `reserved` 0 (or as given). */
    seed: (stock: Record<string, number | [available: number, reserved: number]>) =>
      seedInventory(
        db.client,
        db.names.inventory,
        Object.entries(stock).map(
          ([sku, count]): InventoryItem => ({
            sku,
            price: { amount: 1000, currency: "EUR" },
            available: Array.isArray(count) ? count[0] : count,
            reserved: Array.isArray(count) ? count[1] : 0,
          }),
        ),
      ),
    /** `[available, reserved]` per SKU, leaving out SKUs without a row. */
    async stock(skus: readonly string[]) {
      const rows = await readInventory(db.client, db.names.inventory, skus);
      return Object.fromEntries(
        rows.map((row): [string, [number, number]] => [row.sku, [row.available, row.reserved]]),
      );
    },
    async record(orderId: string) {
      const { Item } = await client.send(
        new GetCommand({ TableName: db.names.reservations, Key: { orderId }, ConsistentRead: true }),
      );
      return Item;
    },
    putRecord: (Item: Record<string, unknown>) =>
      client.send(new PutCommand({ TableName: db.names.reservations, Item })),
  };
}

/** The SKUs the model-based stock properties order from. */
export const MODEL_SKUS = ["A", "B", "C"] as const;

/**
 * The arbitraries a model-based stock property starts from: units in stock (0-5) per {@link MODEL_SKUS}
 * entry, and `orders` orders of 1-3 distinct lines over them.
 */
export function stockAndOrders(orders: number) {
  return {
    stock: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)),
    orders: fc.array(
      fc.uniqueArray(
        fc.record({ sku: fc.constantFrom(...MODEL_SKUS), quantity: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 3, selector: (line) => line.sku },
      ),
      { minLength: orders, maxLength: orders },
    ),
  };
}
