import type { InventoryItem } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { readInventory, seedInventory } from "../src/seed";
import { useLocalTables } from "../src/vitest";

const row = (sku: string, available: number): InventoryItem => ({
  sku,
  price: { amount: 1999, currency: "EUR" },
  available,
  reserved: 3,
});

describe("seedInventory and readInventory on DynamoDB Local", () => {
  it("writes more rows than one batch holds and reads them back in the order asked", async () => {
    // Prepare
    const db = await useLocalTables(["inventory"]);
    const rows = Array.from({ length: 130 }, (_, i) => row(`SKU-${String(i).padStart(3, "0")}`, i));

    // Act
    await seedInventory(db.client, db.names.inventory, rows);
    const readBack = await readInventory(db.client, db.names.inventory, rows.map((r) => r.sku).reverse());

    // Assess
    expect(readBack).toEqual([...rows].reverse());
  });

  it("replaces a row with the same SKU and leaves out SKUs without a row", async () => {
    // Prepare
    const db = await useLocalTables(["inventory"]);
    await seedInventory(db.client, db.names.inventory, [row("SKU-A", 1)]);

    // Act
    await seedInventory(db.client, db.names.inventory, [row("SKU-A", 7)]);
    const readBack = await readInventory(db.client, db.names.inventory, ["SKU-MISSING", "SKU-A"]);

    // Assess
    expect(readBack).toEqual([row("SKU-A", 7)]);
  });
});
