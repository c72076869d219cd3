import * as v from "valibot";
import { Sku } from "./ids";

// Its own module (not order.ts): contracts that list items need it without the whole order schema, and a
// bundle keeps every schema of a module it uses.
export const MAX_QUANTITY = 999;

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
