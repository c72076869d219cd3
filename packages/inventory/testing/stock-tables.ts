import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { InventoryItem } from "@orderflow/domain";
import { readInventory, seedInventory } from "@orderflow/dynamodb-local";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient, readRow } from "@orderflow/task-kit";

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
    record: (orderId: string) => readRow(client, db.names.reservations, { orderId }),
    /** Writes a reservation row as given, bypassing the protocol (to arrange a state, or a row changed by hand). */
    putRecord: (Item: Record<string, unknown>) =>
      client.send(new PutCommand({ TableName: db.names.reservations, Item })),
  };
}
