import type { Order } from "@orderflow/domain";

/**
 * An EUR order that ships to Berlin and pays with a card the sandbox approves, so it takes the happy path
 * unless the caller changes what it orders: the one sample behind the demo, the benchmark and the tests.
 */
export function sampleOrder({
  orderId,
  customer,
  items,
}: Pick<Order, "orderId" | "customer" | "items">): Order {
  return {
    orderId,
    customer,
    currency: "EUR",
    items,
    shippingAddress: {
      name: "Ana Lima",
      line1: "Main St 1",
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
    },
    payment: { token: "tok_visa" },
  };
}
