import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { StreamReader } from "../src/stream-reader";
import { useLocalTables } from "../src/vitest";

/** How many GetRecords requests `act` sent. */
async function getRecordsCalls(act: () => Promise<unknown>): Promise<number> {
  let calls = 0;
  const onRequest = (message: unknown) => {
    const target = (message as { request: ClientRequest }).request.getHeader("x-amz-target");
    if (target === "DynamoDBStreams_20120810.GetRecords") calls += 1;
  };
  subscribe("http.client.request.start", onRequest);
  try {
    await act();
  } finally {
    unsubscribe("http.client.request.start", onRequest);
  }
  return calls;
}

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
    const calls = await getRecordsCalls(async () => {
      first = await reader.next();
    });
    await write("o6");
    const second = await reader.next();
    reader.stop();
    // Assess: 2 + 2 + 1 records in three pages, none asked for after the short one; then only the new one
    const ids = (records: typeof first) => records.map((r) => r.dynamodb?.Keys?.orderId?.S);
    expect(ids(first)).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    expect(calls).toBe(3);
    expect(ids(second)).toEqual(["o6"]);
  });
});
