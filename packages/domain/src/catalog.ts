import * as v from "valibot";
import { Sku } from "./ids";
import { Money } from "./money";

const Count = v.pipe(v.number(), v.safeInteger(), v.minValue(0, "must not be negative"));

/**
 * A row of the inventory table: the catalog price and the stock of one SKU. `available` counts units
 * that can still be sold; `reserved` the units held for orders not yet shipped.
 */
export const InventoryItem = v.object({
  sku: Sku,
  price: Money,
  available: Count,
  reserved: Count,
});
export type InventoryItem = v.InferOutput<typeof InventoryItem>;
