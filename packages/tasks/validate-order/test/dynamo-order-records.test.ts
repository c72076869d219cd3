import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { readRow } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import { dynamoOrderRecords } from "../src/dynamo-order-records";
import fixture from "./fixtures/order.json" with { type: "json" };

const db = await useLocalTables(["orders"]);
const client = DynamoDBDocumentClient.from(db.client);
const itemOf = (orderId: string) => readRow(client, db.names.orders, { orderId });
const at = (iso: string) => () => new Date(iso);
const anOrder = () => ({ ...fixture, orderId: newOrderId() });

describe("dynamoOrderRecords on DynamoDB Local", () => {
  it("records an absent order PENDING as the API does: customer id, creation time, the order without its card token", async () => {
    // Prepare
    const order = anOrder();
    const { payment: _, ...withoutToken } = order;

    // Act
    await dynamoOrderRecords(client, db.names.orders, at("2026-03-01T10:00:00.000Z")).recordIfAbsent(order);

    // Assess
    expect(await itemOf(order.orderId)).toEqual({
      orderId: order.orderId,
      status: "PENDING",
      createdAt: "2026-03-01T10:00:00.000Z",
      updatedAt: "2026-03-01T10:00:00.000Z",
      customerId: "cus_123",
      order: withoutToken,
    });
  });

  it("records the order once: a repeat leaves the first item as it was", async () => {
    // Prepare
    const order = anOrder();
    await dynamoOrderRecords(client, db.names.orders, at("2026-03-01T10:00:00.000Z")).recordIfAbsent(order);
    const first = await itemOf(order.orderId);

    // Act
    await dynamoOrderRecords(client, db.names.orders, at("2026-03-01T11:00:00.000Z")).recordIfAbsent(order);

    // Assess
    expect(await itemOf(order.orderId)).toEqual(first);
  });

  it("records the order once when runs overlap: every run succeeds and one run's item stands", async () => {
    // Prepare: each run with its own clock, so the item tells which run wrote it
    const order = anOrder();
    const times = [1, 2, 3, 4, 5].map((minute) => `2026-03-01T10:0${minute}:00.000Z`);

    // Act
    await Promise.all(
      times.map((time) => dynamoOrderRecords(client, db.names.orders, at(time)).recordIfAbsent(order)),
    );

    // Assess
    const item = await itemOf(order.orderId);
    expect(times).toContain(item?.createdAt);
    expect(item?.updatedAt).toBe(item?.createdAt);
    expect(item).toMatchObject({ status: "PENDING" });
  });

  it("never overwrites the item the API wrote, nor the status the workflow set since", async () => {
    // Prepare
    const order = anOrder();
    const { payment: _, ...withoutToken } = order;
    const written = {
      orderId: order.orderId,
      status: "FAILED",
      createdAt: "2026-03-01T09:00:00.000Z",
      updatedAt: "2026-03-01T09:05:00.000Z",
      requestHash: "hash-of-the-request",
      customerId: "cus_123",
      order: withoutToken,
      error: "ShipmentFailed",
      cause: "shipment failed",
    };
    await client.send(new PutCommand({ TableName: db.names.orders, Item: written }));

    // Act
    await dynamoOrderRecords(client, db.names.orders).recordIfAbsent(order);

    // Assess
    expect(await itemOf(order.orderId)).toEqual(written);
  });
});
