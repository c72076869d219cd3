import * as v from "valibot";
import { Sku } from "./ids";

// Its own module (not order.ts): contracts that list items need it without the whole order schema, and a
// bundle keeps every schema of a module it uses unless the schema is marked pure.
export const MAX_QUANTITY = 999;
export const MAX_LINE_ITEMS = 100;

export const LineItem = v.strictObject({
  sku: Sku,
  quantity: v.pipe(
    v.number(),
    v.integer("must be a whole number"),
    v.minValue(1, "must be at least 1"),
    v.maxValue(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
  ),
});
export type LineItem = v.InferOutput<typeof LineItem>;

/**
 * An order's items: at least one line, at most {@link MAX_LINE_ITEMS}, one line per SKU (reservations update
 * each SKU once per transaction, and totals stay unambiguous).
 */
export const OrderItems = /* @__PURE__ */ (() =>
  v.pipe(
    v.array(LineItem),
    v.minLength(1, "must list at least one item"),
    v.maxLength(MAX_LINE_ITEMS, `must list at most ${MAX_LINE_ITEMS} items`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const firstIndex = new Map<string, number>();
      dataset.value.forEach((item, index) => {
        const first = firstIndex.get(item.sku);
        if (first === undefined) {
          firstIndex.set(item.sku, index);
          return;
        }
        addIssue({
          // Names the SKU, the one value a message repeats: a catalog code that passed the SKU pattern.
          message: `repeats SKU ${item.sku} of item ${first}; list each SKU once with its total quantity`,
          path: [
            { type: "array", origin: "value", input: dataset.value, key: index, value: item },
            { type: "object", origin: "value", input: item, key: "sku", value: item.sku },
          ],
        });
      });
    }),
  ))();
