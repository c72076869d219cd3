import { newOrderId, Order } from "@orderflow/domain";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { sampleOrder } from "../src/sample-order";

describe("sampleOrder", () => {
  it("is a valid order of exactly the given id, customer and items, in EUR to a DE address", () => {
    // Prepare
    const fields = {
      orderId: newOrderId(),
      customer: { id: "cus_x", email: "x@example.com" },
      items: [{ sku: "SKU-A1", quantity: 3 }],
    };

    // Act
    const order = sampleOrder(fields);

    // Assess
    expect(v.parse(Order, order)).toEqual(order);
    expect(order).toMatchObject({ ...fields, currency: "EUR", shippingAddress: { country: "DE" } });
  });
});
