import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { CreateShipmentInput, ReleaseInventoryOutput, TABLES, ValidatedOrder } from "../src";
import wireOrder from "./fixtures/order.json" with { type: "json" };

const priced = {
  lines: [
    {
      sku: "SKU-TSHIRT-M",
      quantity: 2,
      unitPrice: { amount: 1999, currency: "EUR" },
      lineTotal: { amount: 3998, currency: "EUR" },
    },
  ],
  subtotal: { amount: 3998, currency: "EUR" },
  total: { amount: 3998, currency: "EUR" },
};

describe("the contracts that keep personal data out of the workflow state", () => {
  it("ValidatedOrder keeps ids, items, the card token and amounts, and drops e-mail, name and address", () => {
    // Act: the whole order given, as a careless producer might
    const validated = v.parse(ValidatedOrder, { ...wireOrder, customerId: wireOrder.customer.id, ...priced });

    // Assess
    expect(validated).toEqual({
      orderId: wireOrder.orderId,
      customerId: "cus_123",
      currency: "EUR",
      items: wireOrder.items,
      payment: { token: "tok_visa" },
      ...priced,
    });
    const text = JSON.stringify(validated);
    for (const personal of ["ana@example.com", "Ana Lima", "Main St 1", "Berlin", "10115"]) {
      expect(text).not.toContain(personal);
    }
  });

  it("CreateShipmentInput is the order id only", () => {
    // Act
    const input = v.parse(CreateShipmentInput, {
      orderId: wireOrder.orderId,
      shippingAddress: wireOrder.shippingAddress,
      items: wireOrder.items,
    });

    // Assess
    expect(input).toEqual({ orderId: wireOrder.orderId });
  });

  it("ReleaseInventoryOutput tells a finished hand-over from one still holding lines", () => {
    // Act
    const outcomes = ["ALREADY_SHIPPED", "HANDOVER_INCOMPLETE", "SHIPPED_MAYBE"].map(
      (outcome) => v.safeParse(ReleaseInventoryOutput, { orderId: "ord_1", outcome, items: [] }).success,
    );

    // Assess
    expect(outcomes).toEqual([true, true, false]);
  });
});

describe("the orders table spec", () => {
  it("lists the orders still PENDING oldest first, and publishes every change from its stream", () => {
    // Act
    const { indexes, stream } = TABLES.orders;

    // Assess
    expect(indexes.find((index) => index.name === "byStatus")).toEqual({
      name: "byStatus",
      partitionKey: { name: "status", type: "S" },
      sortKey: { name: "createdAt", type: "S" },
    });
    expect(stream).toBe("NEW_AND_OLD_IMAGES");
  });

  it("includes the sandbox payment provider's gateway table", () => {
    // Act / Assess
    expect(TABLES.gateway).toMatchObject({ logicalName: "gateway" });
  });
});
