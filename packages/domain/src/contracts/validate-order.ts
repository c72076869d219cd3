/** The contract of ValidateOrder: the order as posted in, the order priced from the catalog out. */
import * as v from "valibot";
import { Sku } from "../ids";
import { Money } from "../money";
import { Order } from "../order";

// Each schema is built inside a call marked @__PURE__: esbuild cannot tell that valibot calls made from
// another module are free of side effects, so without the mark a bundle using one schema of this module
// would carry all of them.

export const ValidateOrderInput = Order;
export type ValidateOrderInput = v.InferOutput<typeof ValidateOrderInput>;

export const PricedLine = /* @__PURE__ */ (() =>
  v.object({
    sku: Sku,
    quantity: v.number(),
    unitPrice: Money,
    lineTotal: Money,
  }))();
export type PricedLine = v.InferOutput<typeof PricedLine>;

/**
 * The order as the rest of the workflow sees it: what the later tasks need (ids, items, the card token for
 * the charge), priced from the catalog, and no personal data: the customer's e-mail, name and address stay
 * in the orders table, where the tasks that need them read them, so the execution's state and output
 * carry none of it.
 */
export const ValidatedOrder = /* @__PURE__ */ (() =>
  v.object({
    orderId: Order.entries.orderId,
    customerId: Order.entries.customer.entries.id,
    currency: Order.entries.currency,
    items: Order.entries.items,
    payment: Order.entries.payment,
    lines: v.array(PricedLine),
    subtotal: Money,
    total: Money,
  }))();
export type ValidatedOrder = v.InferOutput<typeof ValidatedOrder>;
