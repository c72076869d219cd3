import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { DynamoOrderStore } from "../src/dynamo-order-store";
import type { NewOrder } from "../src/ports";
import { sampleOrder } from "./support/events";
import { OrdersTable, uniqueOrderId } from "./support/local-orders";

const db = await useLocalTables(["orders"]);
const table = new OrdersTable(db.names.orders);
const store = new DynamoOrderStore(table.client, db.names.orders);

function newOrder(orderId: string, requestHash = "hash-1"): NewOrder {
  const { payment: _token, ...order } = sampleOrder(orderId);
  return { order, requestHash, createdAt: "2026-11-25T21:00:00.000Z" };
}

describe("DynamoOrderStore", () => {
  it("stores a new order as PENDING with the byCustomer index keys and the order, keyed by id", async () => {
    // Prepare
    const orderId = uniqueOrderId();
    const order = newOrder(orderId);

    // Act
    const result = await store.insertPending(order);

    // Assess
    const record = {
      orderId,
      status: "PENDING",
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
      requestHash: "hash-1",
    };
    expect(result).toEqual({ inserted: true, record });
    expect(await table.item(orderId)).toEqual({ ...record, customerId: "cus_ana", order: order.order });
  });

  it("finds a stored order by the customer index, newest first", async () => {
    // Prepare
    const customerId = `cus_${uniqueOrderId()}`;
    const ids = [uniqueOrderId(), uniqueOrderId()];
    for (const [i, orderId] of ids.entries()) {
      const order = newOrder(orderId);
      await store.insertPending({
        ...order,
        order: { ...order.order, customer: { ...order.order.customer, id: customerId } },
        createdAt: `2026-11-25T21:00:0${i}.000Z`,
      });
    }

    // Act
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: db.names.orders,
        IndexName: "byCustomer",
        KeyConditionExpression: "customerId = :c",
        ExpressionAttributeValues: { ":c": customerId },
        ScanIndexForward: false,
      }),
    );

    // Assess
    expect(Items?.map((item) => item.orderId)).toEqual([...ids].reverse());
  });

  it("keeps the first order when the id is taken and returns it instead", async () => {
    // Prepare
    const orderId = uniqueOrderId();
    await store.insertPending(newOrder(orderId, "hash-1"));
    const before = await table.item(orderId);

    // Act
    const result = await store.insertPending({
      ...newOrder(orderId, "hash-2"),
      createdAt: "2027-01-01T00:00:00.000Z",
    });

    // Assess
    expect(result).toEqual({
      inserted: false,
      existing: expect.objectContaining({ orderId, requestHash: "hash-1", status: "PENDING" }),
    });
    expect(await table.item(orderId)).toEqual(before);
  });

  it("lets exactly one of many concurrent inserts of one id win", async () => {
    // Prepare
    const orderId = uniqueOrderId();

    // Act
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.insertPending(newOrder(orderId, `hash-${i}`))),
    );

    // Assess
    const winners = results.filter((r) => r.inserted);
    expect(winners).toHaveLength(1);
    const winnerHash = winners[0]?.inserted ? winners[0].record.requestHash : undefined;
    for (const r of results) if (!r.inserted) expect(r.existing.requestHash).toBe(winnerHash);
  });

  it("reads the workflow's error and cause with the status", async () => {
    // Prepare
    const orderId = uniqueOrderId();
    await store.insertPending(newOrder(orderId));
    await table.mark(orderId, "FAILED", {
      error: "PaymentDeclined",
      cause: "payment declined: card expired",
    });

    // Act
    const record = await store.get(orderId);

    // Assess
    expect(record).toEqual({
      orderId,
      status: "FAILED",
      createdAt: "2026-11-25T21:00:00.000Z",
      updatedAt: "2026-11-25T22:00:00.000Z",
      requestHash: "hash-1",
      error: "PaymentDeclined",
      cause: "payment declined: card expired",
    });
  });

  it("returns undefined for an id no order has", async () => {
    // Act
    const record = await store.get(uniqueOrderId());

    // Assess
    expect(record).toBeUndefined();
  });

  it("reads an order the workflow recorded for an execution started without the API", async () => {
    // Prepare: what MarkFailed writes when no PENDING item exists
    const orderId = uniqueOrderId();
    const item = {
      orderId,
      status: "FAILED",
      createdAt: "2026-11-25T21:00:00.000Z",
      updatedAt: "2026-11-25T21:00:01.000Z",
      error: "PaymentDeclined",
      cause: "payment declined: card_declined",
    };
    await table.client.send(new PutCommand({ TableName: db.names.orders, Item: item }));

    // Act
    const record = await store.get(orderId);

    // Assess
    expect(record).toEqual(item);
    expect(record).not.toHaveProperty("requestHash");
  });

  it.each([
    ["an unknown status", { status: "SHIPPED" }],
    ["no createdAt", { createdAt: undefined }],
    ["a numeric updatedAt", { updatedAt: 5 }],
  ])("refuses an item with %s rather than report it", async (_case, change) => {
    // Prepare
    const orderId = uniqueOrderId();
    const item = {
      orderId,
      status: "PENDING",
      createdAt: "2026-11-25T21:00:00.000Z",
      updatedAt: "2026-11-25T21:00:00.000Z",
      requestHash: "h",
      ...change,
    };
    await table.client.send(new PutCommand({ TableName: db.names.orders, Item: item }));

    // Act
    const read = store.get(orderId);

    // Assess
    await expect(read).rejects.toThrow(`order item ${orderId} is malformed`);
  });
});
