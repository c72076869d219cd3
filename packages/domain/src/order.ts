import * as v from "valibot";
import { Address } from "./address";
import { OrderId } from "./ids";
import { LineItem } from "./line-item";
import { Currency } from "./money";
import { cleanText } from "./text";

export const MAX_LINE_ITEMS = 100;

/**
 * A customer is who the identity provider says (the token's `sub`): Cognito, Auth0 (`auth0|…`), Okta and
 * URI subjects all fit.
 */
export const CUSTOMER_ID_PATTERN = /^[\x21-\x7E]{1,255}$/;
const CustomerId = v.pipe(
  cleanText,
  v.regex(CUSTOMER_ID_PATTERN, "must be 1-255 printable ASCII characters without spaces"),
);
const Email = v.pipe(
  cleanText,
  v.maxLength(254, "must be at most 254 characters"),
  v.email("must be an e-mail address"),
);

export const Customer = v.strictObject({ id: CustomerId, email: Email });
export type Customer = v.InferOutput<typeof Customer>;

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

const Items = v.pipe(
  v.array(LineItem),
  v.minLength(1, "must list at least one item"),
  v.maxLength(MAX_LINE_ITEMS, `must list at most ${MAX_LINE_ITEMS} items`),
  // One line per SKU: reservations update each SKU once per transaction, and totals stay unambiguous.
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
);

const orderFields = {
  customer: Customer,
  currency: Currency,
  items: Items,
  shippingAddress: Address,
  payment: PaymentMethod,
  clientReference: v.optional(v.pipe(cleanText, v.maxLength(64, "must be at most 64 characters"))),
};

/**
 * An order as a client posts it. `orderId` is the client's idempotency key (the API derives the order's
 * id from it and the customer, and assigns one when it is missing); `customer.id` may be left out.
 */
export const OrderRequest = v.strictObject({
  orderId: v.optional(OrderId),
  ...orderFields,
  customer: CustomerRequest,
});
export type OrderRequest = v.InferOutput<typeof OrderRequest>;

/** An order inside the workflow: the id is the execution name, so it is always present. */
export const Order = v.strictObject({ orderId: OrderId, ...orderFields });
export type Order = v.InferOutput<typeof Order>;
