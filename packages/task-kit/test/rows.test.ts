import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { documentClient, putUnlessPresent, readRow, writeIf } from "../src";

const db = await useLocalTables(["payments"]);
const client = documentClient();
const table = db.names.payments;
let next = 0;
const freshKey = () => ({ orderId: `ord_rows${next++}` });

const putFirst = (Item: Record<string, unknown>) =>
  new PutCommand({ TableName: table, Item, ConditionExpression: "attribute_not_exists(orderId)" });
const setStatusIf = (key: { orderId: string }, from: string, to: string) =>
  new UpdateCommand({
    TableName: table,
    Key: key,
    UpdateExpression: "SET #status = :to",
    ConditionExpression: "#status = :from",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":from": from, ":to": to },
  });

describe("readRow on DynamoDB Local", () => {
  it("reads the row just written, and undefined for a key without one", async () => {
    // Prepare
    const key = freshKey();
    await client.send(new PutCommand({ TableName: table, Item: { ...key, status: "PENDING" } }));

    // Act
    const [found, missing] = await Promise.all([
      readRow(client, table, key),
      readRow(client, table, freshKey()),
    ]);

    // Assess
    expect(found).toEqual({ ...key, status: "PENDING" });
    expect(missing).toBeUndefined();
  });
});

describe("writeIf on DynamoDB Local", () => {
  it("answers true for a put whose condition holds and false, writing nothing, for one whose does not", async () => {
    // Prepare
    const key = freshKey();

    // Act
    const first = await writeIf(client, putFirst({ ...key, status: "PENDING" }));
    const second = await writeIf(client, putFirst({ ...key, status: "CAPTURED" }));

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await readRow(client, table, key)).toEqual({ ...key, status: "PENDING" });
  });

  it("answers true for an update whose condition holds and false, writing nothing, for one whose does not", async () => {
    // Prepare
    const key = freshKey();
    await client.send(new PutCommand({ TableName: table, Item: { ...key, status: "PENDING" } }));

    // Act
    const applied = await writeIf(client, setStatusIf(key, "PENDING", "CAPTURED"));
    const refused = await writeIf(client, setStatusIf(key, "PENDING", "DECLINED"));

    // Assess
    expect([applied, refused]).toEqual([true, false]);
    expect(await readRow(client, table, key)).toEqual({ ...key, status: "CAPTURED" });
  });

  it("throws any other failure as it came", async () => {
    // Prepare: a table that does not exist
    const command = new PutCommand({
      TableName: `${table}-missing`,
      Item: freshKey(),
      ConditionExpression: "attribute_not_exists(orderId)",
    });

    // Act
    const attempt = writeIf(client, command);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("putUnlessPresent on DynamoDB Local", () => {
  it("writes the first item, then answers the row already under its key without writing", async () => {
    // Prepare
    const key = freshKey();
    const put = (status: string, amount: number) => ({
      tableName: table,
      key: "orderId",
      item: { ...key, status, amount },
    });

    // Act
    const first = await putUnlessPresent(client, put("PENDING", 5000));
    const second = await putUnlessPresent(client, put("VOIDED", 1));

    // Assess: the row comes back as the DocumentClient reads rows (numbers as numbers)
    expect(first).toEqual({ written: true });
    expect(second).toEqual({ written: false, row: { ...key, status: "PENDING", amount: 5000 } });
    expect(await readRow(client, table, key)).toEqual({ ...key, status: "PENDING", amount: 5000 });
  });
});
