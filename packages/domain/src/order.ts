import * as v from "valibot";
import { Address } from "./address";
import { Customer, CustomerId, Email } from "./customer";
import { OrderId } from "./ids";
import { OrderItems } from "./line-item";
import { Currency } from "./money";
import { cleanText } from "./text";

/** The customer as a client posts it: the id may be left out, because the API takes it from the token. */
const CustomerRequest = v.strictObject({ id: v.optional(CustomerId), email: Email });

/** An opaque card token from the payment provider; the card itself never reaches us. */
export const PaymentMethod = v.strictObject({
  token: v.pipe(
    cleanText,
    v.regex(/^[A-Za-z0-9_-]{1,128}$/, "must be an opaque card token such as tok_visa"),
  ),
});
export type PaymentMethod = v.InferOutput<typeof PaymentMethod>;

// The two order schemas are built inside calls marked @__PURE__, so that a bundle keeps only the one it uses
// (the API posts OrderRequest, the workflow's tasks read Order).
const orderFields = {
  customer: Customer,
  currency: Currency,
  items: OrderItems,
  shippingAddress: Address,
  payment: PaymentMethod,
  clientReference: v.optional(v.pipe(cleanText, v.maxLength(64, "must be at most 64 characters"))),
};

/**
 * An order as a client posts it. `orderId` is the client's idempotency key (the API derives the order's
 * id from it and the customer, and assigns one when it is missing); `customer.id` may be left out.
 */
export const OrderRequest = /* @__PURE__ */ (() =>
  v.strictObject({ orderId: v.optional(OrderId), ...orderFields, customer: CustomerRequest }))();
export type OrderRequest = v.InferOutput<typeof OrderRequest>;

/** An order inside the workflow: the id is the execution name, so it is always present. */
export const Order = /* @__PURE__ */ (() => v.strictObject({ orderId: OrderId, ...orderFields }))();
export type Order = v.InferOutput<typeof Order>;
