import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { InventoryItem } from "@orderflow/domain";
import { newOrderId } from "@orderflow/domain";
import { readInventory, seedInventory } from "@orderflow/dynamodb-local";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { readRow } from "@orderflow/task-kit";
import { beforeAll, describe, expect, it } from "vitest";
import catalog from "./fixtures/catalog.json" with { type: "json" };
import fixture from "./fixtures/order.json" with { type: "json" };

const db = await useLocalTables(["inventory", "orders"]);
const { handler } = await import("../src/handler");
const orderItem = (orderId: string) =>
  readRow(DynamoDBDocumentClient.from(db.client), db.names.orders, { orderId });

const anOrder = () => ({ ...fixture, orderId: newOrderId() });
const catalogRows = catalog as InventoryItem[];

beforeAll(() => seedInventory(db.client, db.names.inventory, catalogRows));

describe("validate-order handler on DynamoDB Local", () => {
  it("returns the order priced from the inventory table, with subtotal and total and no personal data", async () => {
    // Prepare
    const order = { ...anOrder(), clientReference: "cart 42" };

    // Act
    const validated = await handler({ ...order, executionId: "exec-1" });

    // Assess
    expect(validated).toEqual({
      orderId: order.orderId,
      customerId: order.customer.id,
      currency: "EUR",
      items: order.items,
      payment: order.payment,
      lines: [
        {
          sku: "SKU-TSHIRT-M",
          quantity: 2,
          unitPrice: { amount: 1999, currency: "EUR" },
          lineTotal: { amount: 3998, currency: "EUR" },
        },
        {
          sku: "SKU-MUG",
          quantity: 1,
          unitPrice: { amount: 850, currency: "EUR" },
          lineTotal: { amount: 850, currency: "EUR" },
        },
      ],
      subtotal: { amount: 4848, currency: "EUR" },
      total: { amount: 4848, currency: "EUR" },
    });
  });

  it("rejects unknown SKUs and foreign-currency SKUs together, each under its field path", async () => {
    // Prepare
    const order = {
      ...anOrder(),
      items: [
        { sku: "SKU-CAP-US", quantity: 1 },
        { sku: "SKU-MUG", quantity: 1 },
        { sku: "SKU-NOT-SOLD", quantity: 3 },
      ],
    };

    // Act
    const attempt = handler(order);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [
        { path: "items[0].sku", message: expect.stringContaining("priced in USD but the order is in EUR") },
        { path: "items[2].sku", message: expect.stringContaining("unknown SKU SKU-NOT-SOLD") },
      ],
    });
  });

  it("rejects a malformed order with a ValidationError naming every bad field", async () => {
    // Prepare
    const order = {
      ...anOrder(),
      items: [{ sku: "SKU-MUG", quantity: 0, price: { amount: 1, currency: "EUR" } }],
      shippingAddress: { ...fixture.shippingAddress, postalCode: "" },
    };

    // Act
    const attempt = handler(order);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: expect.arrayContaining([
        { path: "items[0].quantity", message: "must be at least 1" },
        { path: "items[0].price", message: "is not a known field" },
        { path: "shippingAddress.postalCode", message: expect.any(String) },
      ]),
    });
  });

  it("records the order PENDING in the orders table, without its card token, when no one did before", async () => {
    // Prepare
    const order = anOrder();
    const { payment: _, ...withoutToken } = order;

    // Act
    await handler(order);

    // Assess
    expect(await orderItem(order.orderId)).toEqual({
      orderId: order.orderId,
      status: "PENDING",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      customerId: order.customer.id,
      order: withoutToken,
    });
  });

  it("records the order once when the same order is validated three times at once, and again after", async () => {
    // Prepare
    const order = anOrder();

    // Act
    const results = await Promise.all([handler(order), handler(order), handler(order)]);
    const recorded = await orderItem(order.orderId);
    await handler(order);

    // Assess
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(recorded).toMatchObject({ status: "PENDING" });
    expect(await orderItem(order.orderId)).toEqual(recorded);
  });

  it.each([
    ["Antarctica", "AQ"],
    ["the United States", "US"],
  ])(
    "refuses a destination we do not ship to (%s) before it writes anything, naming where we ship",
    async (_, country) => {
      // Prepare
      const order = { ...anOrder(), shippingAddress: { ...fixture.shippingAddress, country } };

      // Act
      const attempt = handler(order);

      // Assess
      await expect(attempt).rejects.toMatchObject({
        name: "ValidationError",
        issues: [
          {
            path: "shippingAddress.country",
            message: "we do not ship there; we ship to DE, AT, NL, BE, FR, PT, ES, IT",
          },
        ],
      });
      const { message } = (await attempt.catch((error: unknown) => error)) as Error;
      expect(message).not.toContain(country);
      expect(await orderItem(order.orderId)).toBeUndefined();
    },
  );

  it("records nothing for an order the catalog refuses", async () => {
    // Prepare
    const order = { ...anOrder(), items: [{ sku: "SKU-NOT-SOLD", quantity: 1 }] };

    // Act
    const attempt = handler(order);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "ValidationError" });
    expect(await orderItem(order.orderId)).toBeUndefined();
  });

  it("answers the same order twice with the same result and changes no stock", async () => {
    // Prepare
    const order = anOrder();
    const skus = catalogRows.map((row) => row.sku);

    // Act
    const first = await handler(order);
    const second = await handler(order);

    // Assess
    expect(second).toEqual(first);
    expect(await readInventory(db.client, db.names.inventory, skus)).toEqual(catalogRows);
  });
});
