import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { dynamoReconcilerOrders } from "../src/dynamo-orders";

const db = await useLocalTables(["orders"]);
const documents = DynamoDBDocumentClient.from(db.client);
const orders = dynamoReconcilerOrders(db.client, documents, db.names.orders);
const put = (orderId: string, status: string, createdAt: string) =>
  documents.send(new PutCommand({ TableName: db.names.orders, Item: { orderId, status, createdAt } }));
const item = async (orderId: string) =>
  (
    await documents.send(
      new GetCommand({ TableName: db.names.orders, Key: { orderId }, ConsistentRead: true }),
    )
  ).Item;

describe("dynamoReconcilerOrders", () => {
  it("lists PENDING orders created before the cut-off, oldest first, through the byStatus index", async () => {
    // Prepare
    await put("ord_old", "PENDING", "2030-01-01T00:00:00.000Z");
    await put("ord_older", "PENDING", "2029-12-31T00:00:00.000Z");
    await put("ord_young", "PENDING", "2030-01-02T00:00:00.000Z");
    await put("ord_done", "COMPLETED", "2029-12-30T00:00:00.000Z");

    // Act
    const pending = await orders.pendingBefore("2030-01-01T12:00:00.000Z", 10);

    // Assess
    expect(pending.map((p) => p.orderId)).toEqual(["ord_older", "ord_old"]);
  });

  it("replays a status write as the workflow sent it, and refuses it once the order moved on", async () => {
    // Prepare: a request in the state's own DynamoDB JSON, with the workflow's condition
    await put("ord_replay", "PENDING", "2030-01-01T00:00:00.000Z");
    const request = {
      TableName: "not-this-table",
      Key: { orderId: { S: "ord_replay" } },
      UpdateExpression: "SET #status = :status, eventType = :eventType",
      ConditionExpression: "#status = :pending",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":status": { S: "FAILED" },
        ":eventType": { S: "OrderFailed" },
        ":pending": { S: "PENDING" },
      },
    };

    // Act
    const first = await orders.replay(request);
    const again = await orders.replay(request);

    // Assess
    expect([first, again]).toEqual([true, false]);
    expect(await item("ord_replay")).toMatchObject({ status: "FAILED", eventType: "OrderFailed" });
  });

  it("settles only a PENDING order, with the event type and attributes of its status", async () => {
    // Prepare
    await put("ord_settle", "PENDING", "2030-01-01T00:00:00.000Z");
    await put("ord_recorded", "COMPLETED", "2030-01-01T00:00:00.000Z");
    const settlement = { status: "NEEDS_ATTENTION", error: "States.Timeout", cause: "too slow" } as const;

    // Act
    const settled = await orders.settle("ord_settle", settlement, "2030-01-03T00:00:00.000Z");
    const refused = await orders.settle("ord_recorded", settlement, "2030-01-03T00:00:00.000Z");

    // Assess
    expect([settled, refused]).toEqual([true, false]);
    expect(await item("ord_settle")).toMatchObject({
      status: "NEEDS_ATTENTION",
      eventType: "OrderNeedsAttention",
      error: "States.Timeout",
      cause: "too slow",
      incomplete: JSON.stringify({ Execution: { Error: "States.Timeout", Cause: "too slow" } }),
    });
    expect((await item("ord_recorded"))?.status).toBe("COMPLETED");
  });
});
