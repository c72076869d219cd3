import type { Order } from "@orderflow/domain";

const base: Order = {
  orderId: "ord_demo_ok",
  customer: { id: "cus_ana", email: "ana@example.com" },
  currency: "EUR",
  items: [{ sku: "SKU-TSHIRT-M", quantity: 2 }],
  shippingAddress: {
    name: "Ana Lima",
    line1: "Main St 1",
    city: "Berlin",
    postalCode: "10115",
    country: "DE",
  },
  payment: { token: "tok_visa" },
};

/** Demo orders, one per path through the workflow. */
export const sampleOrders: Record<string, unknown> = {
  success: base,
  invalid: { ...base, orderId: "ord_demo_invalid", items: [{ sku: "nope", quantity: 0 }] },
};
