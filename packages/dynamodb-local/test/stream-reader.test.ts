import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { StreamReader } from "../src/stream-reader";
import { streamOperationsSentBy, useLocalTables } from "../src/vitest";

describe("StreamReader on DynamoDB Local", () => {
  it("answers every record written since the last read, page after page, and stops at the first short page", async () => {
    // Prepare: five changes, read two to a page
    const db = await useLocalTables(["orders"]);
    const reader = new StreamReader(db.client, {
      endpoint: db.endpoint,
      tableName: db.names.orders,
      recordsPerPage: 2,
    });
    const write = (orderId: string) =>
      db.client.send(new PutItemCommand({ TableName: db.names.orders, Item: { orderId: { S: orderId } } }));
    for (const id of ["o1", "o2", "o3", "o4", "o5"]) await write(id);
    // Act
    let first: Awaited<ReturnType<StreamReader["next"]>> = [];
    const calls = await streamOperationsSentBy(async () => {
      first = await reader.next();
    });
    await write("o6");
    const second = await reader.next();
    reader.stop();
    // Assess: 2 + 2 + 1 records in three pages, none asked for after the short one; then only the new one
    const ids = (records: typeof first) => records.map((r) => r.dynamodb?.Keys?.orderId?.S);
    expect(ids(first)).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    expect(calls.filter((operation) => operation === "GetRecords")).toHaveLength(3);
    expect(ids(second)).toEqual(["o6"]);
  });
});
