import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { DynamoOrderStore } from "../src/dynamo-order-store";
import type { NewOrder } from "../src/ports";
import { sampleOrder } from "./support/events";
import { OrdersTable, uniqueCustomer, uniqueOrderId } from "./support/local-orders";

const db = await useLocalTables(["orders"]);
const table = new OrdersTable(db.names.orders);
const store = new DynamoOrderStore(table.client, db.names.orders);

function newOrder(orderId: string, requestHash = "hash-1", customerId = "cus_ana"): NewOrder {
  const { payment: _token, customer, ...order } = sampleOrder(orderId);
  return {
    order: { ...order, customer: { ...customer, id: customerId } },
    idempotencyKey: "key-1",
    requestHash,
    createdAt: "2026-11-25T21:00:00.000Z",
  };
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
      customerId: "cus_ana",
      idempotencyKey: "key-1",
      status: "PENDING",
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
      requestHash: "hash-1",
    };
    expect(result).toEqual({ inserted: true, record });
    expect(await table.item(orderId)).toEqual({ ...record, order: order.order });
  });

  it("lists a customer's orders newest first, a page at a time, and none of another customer's", async () => {
    // Prepare
    const customerId = uniqueCustomer();
    const ids = [uniqueOrderId(), uniqueOrderId(), uniqueOrderId()];
    for (const [i, orderId] of ids.entries()) {
      await store.insertPending({
        ...newOrder(orderId, "h", customerId),
        createdAt: `2026-11-25T21:00:0${i}.000Z`,
      });
    }
    await store.insertPending(newOrder(uniqueOrderId(), "h", uniqueCustomer()));

    // Act
    const first = await store.listByCustomer(customerId, 2);
    const second = await store.listByCustomer(customerId, 2, first.next);

    // Assess
    expect(first.records.map((r) => r.orderId)).toEqual([ids[2], ids[1]]);
    expect(first.next).toEqual({ createdAt: "2026-11-25T21:00:01.000Z", orderId: ids[1] });
    expect(second.records.map((r) => r.orderId)).toEqual([ids[0]]);
    expect(second.records[0]).toEqual({
      orderId: ids[0],
      customerId,
      idempotencyKey: "key-1",
      status: "PENDING",
      createdAt: "2026-11-25T21:00:00.000Z",
      updatedAt: "2026-11-25T21:00:00.000Z",
      requestHash: "h",
    });
  });

  it("lists nothing, and no next page, for a customer without orders", async () => {
    // Act
    const page = await store.listByCustomer(uniqueCustomer(), 10);

    // Assess
    expect(page).toEqual({ records: [] });
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
      customerId: "cus_ana",
      idempotencyKey: "key-1",
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
