import { InventoryItem, Money, Sku } from "@orderflow/domain";
import * as v from "valibot";

/**
 * Stock and prices as `--inventory` takes them:
 * `{ "<sku>": { "available": <int>, "price": { "amount": <int minor units>, "currency": "EUR" } } }`.
 */
export const Stock = v.record(
  Sku,
  v.strictObject({
    available: v.pipe(
      v.number(),
      v.safeInteger("must be a whole number of units"),
      v.minValue(0, "must not be negative"),
    ),
    price: Money,
  }),
);
export type Stock = v.InferOutput<typeof Stock>;

/** The catalog the demo and `orderflow run` start with, unless `--inventory` replaces it. */
export const DEMO_STOCK: Stock = {
  "SKU-TSHIRT-M": { available: 100, price: { amount: 1999, currency: "EUR" } },
  "SKU-HOODIE-L": { available: 40, price: { amount: 4999, currency: "EUR" } },
  "SKU-MUG": { available: 250, price: { amount: 1250, currency: "EUR" } },
  "SKU-POSTER-A2": { available: 60, price: { amount: 899, currency: "EUR" } },
  // Scarce on purpose: the demo's out-of-stock order asks for more than there is.
  "SKU-VINYL-LTD": { available: 2, price: { amount: 3499, currency: "EUR" } },
};

/** Inventory rows for a stock listing: nothing reserved yet. */
export function inventoryRows(stock: Stock): InventoryItem[] {
  return Object.entries(stock).map(([sku, { available, price }]) =>
    v.parse(InventoryItem, { sku, price, available, reserved: 0 }),
  );
}
