import type { InventoryItem, Money } from "@orderflow/domain";
import { vi } from "vitest";
import type { Catalog } from "../src/catalog";

/** A catalog that knows exactly `rows` and records what it was asked. */
export function catalogOf(rows: readonly Pick<InventoryItem, "sku" | "price">[]) {
  const known = new Map<string, Money>(rows.map((row) => [row.sku, row.price]));
  const pricesOf = vi.fn<Catalog["pricesOf"]>(
    async (skus) => new Map(skus.flatMap((sku) => (known.has(sku) ? [[sku, known.get(sku) as Money]] : []))),
  );
  return { pricesOf } satisfies Catalog;
}
