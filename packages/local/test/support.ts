import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Order } from "@orderflow/domain";
import { inject } from "vitest";
import type { Stock } from "../src/runtime/catalog";
import { putPendingOrder } from "../src/runtime/orders";
import { type LocalRuntime, startLocalRuntime } from "../src/runtime/runtime";
import { sampleOrder } from "../src/sample-order";

/** The local runtime on the test run's DynamoDB Local, with tables of its own. */
export function startTestRuntime(): Promise<LocalRuntime> {
  return startLocalRuntime({
    endpoint: inject("dynamoDbLocalEndpoint"),
    tablePrefix: `t${randomUUID().slice(0, 8)}-`,
    stock: {},
  });
}

export const PRICE = { amount: 1250, currency: "EUR" } as const;

let counter = 0;

/** A fresh SKU with `available` units, so each test asserts on stock nobody else touches. */
export async function freshSku(runtime: LocalRuntime, available = 10, label = "T"): Promise<string> {
  counter += 1;
  const sku = `SKU-${label}${counter}-${randomUUID().slice(0, 6).toUpperCase()}`;
  const stock: Stock = { [sku]: { available, price: PRICE } };
  await runtime.seedStock(stock);
  return sku;
}

/** A valid order for `sku` that ships to DE with an approved card; `changes` override fields. */
export function orderFor(
  sku: string,
  changes: Partial<Record<Exclude<keyof Order, "orderId">, unknown>> = {},
): Record<string, unknown> & { orderId: string } {
  return {
    ...sampleOrder({
      orderId: `ord_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
      customer: { id: "cus_test", email: "test@example.com" },
      items: [{ sku, quantity: 2 }],
    }),
    ...changes,
  };
}

export const US_ADDRESS = {
  name: "Sam Doe",
  line1: "1 Congress Ave",
  city: "Austin",
  postalCode: "73301",
  country: "US",
};

/** The order's reservation row (not part of the CLI ledger, but what the saga invariants speak of). */
export async function reservationOf(runtime: LocalRuntime, orderId: string) {
  const { Item } = await runtime.clients.documents.send(
    new GetCommand({ TableName: runtime.tables.reservations, Key: { orderId }, ConsistentRead: true }),
  );
  return Item as { status: string; items: { sku: string; quantity: number }[] } | undefined;
}

/**
 * Stores the order PENDING as the API would, but recording `address` as where it ships. CreateShipment
 * ships to the address the orders table records (not to the execution's input), so recording one it does
 * not serve makes it fail with its business error ShipmentFailed after the charge: the way to reach that
 * path now that ValidateOrder refuses an input it would not ship.
 */
export async function recordShippingTo(
  runtime: LocalRuntime,
  order: Record<string, unknown> & { orderId: string },
  address: typeof US_ADDRESS,
): Promise<void> {
  await putPendingOrder(runtime.clients.documents, runtime.tables.orders, {
    ...order,
    shippingAddress: address,
  });
}
