/** The contract of ValidateOrder: the order as posted in, the order priced from the catalog out. */
import * as v from "valibot";
import { Sku } from "../ids";
import { Money } from "../money";
import { Order } from "../order";

export const ValidateOrderInput = Order;
export type ValidateOrderInput = v.InferOutput<typeof ValidateOrderInput>;

export const PricedLine = v.object({
  sku: Sku,
  quantity: v.number(),
  unitPrice: Money,
  lineTotal: Money,
});
export type PricedLine = v.InferOutput<typeof PricedLine>;

/** The order as the rest of the workflow sees it: client fields plus catalog prices and totals. */
export const ValidatedOrder = v.object({
  ...Order.entries,
  lines: v.array(PricedLine),
  subtotal: Money,
  total: Money,
});
export type ValidatedOrder = v.InferOutput<typeof ValidatedOrder>;
