import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { InventoryItem } from "@orderflow/domain";
import { seedInventory } from "@orderflow/dynamodb-local";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { dynamoCatalog } from "../src/dynamo-catalog";

const db = await useLocalTables(["inventory"]);
const client = DynamoDBDocumentClient.from(db.client);
const noPause = async () => {};

const row = (sku: string, amount: number): InventoryItem => ({
  sku,
  price: { amount, currency: "EUR" },
  available: 1,
  reserved: 0,
});

/**
 * The real client, except that its first BatchGet answers only the first key and hands the rest back as
 * unprocessed, the way DynamoDB does under throttling.
 */
function throttlingOnce(real: DynamoDBDocumentClient): DynamoDBDocumentClient {
  let throttled = false;
  const send = async (command: BatchGetCommand) => {
    const request = command.input.RequestItems ?? {};
    const [table, keys] = Object.entries(request)[0] ?? [];
    if (throttled || !table || !keys?.Keys) return real.send(command);
    throttled = true;
    const rest = keys.Keys.slice(1);
    const answer = await real.send(
      new BatchGetCommand({ RequestItems: { [table]: { ...keys, Keys: keys.Keys.slice(0, 1) } } }),
    );
    return { ...answer, UnprocessedKeys: { [table]: { ...keys, Keys: rest } } };
  };
  return { send } as unknown as DynamoDBDocumentClient;
}

describe("dynamoCatalog on DynamoDB Local", () => {
  it("prices more SKUs than one BatchGetItem request may ask for and leaves unknown SKUs out", async () => {
    // Prepare
    const rows = Array.from({ length: 150 }, (_, i) => row(`BIG-${i}`, 100 + i));
    await seedInventory(db.client, db.names.inventory, rows);
    const catalog = dynamoCatalog(client, db.names.inventory);

    // Act
    const prices = await catalog.pricesOf([...rows.map((r) => r.sku), "BIG-UNKNOWN"]);

    // Assess
    expect(prices).toEqual(new Map(rows.map((r) => [r.sku, r.price])));
  });

  it("asks again for the keys DynamoDB returned unprocessed", async () => {
    // Prepare
    const rows = [row("THR-1", 1), row("THR-2", 2), row("THR-3", 3)];
    await seedInventory(db.client, db.names.inventory, rows);
    const catalog = dynamoCatalog(throttlingOnce(client), db.names.inventory, { pause: noPause });

    // Act
    const prices = await catalog.pricesOf(rows.map((r) => r.sku));

    // Assess
    expect(prices).toEqual(new Map(rows.map((r) => [r.sku, r.price])));
  });

  it("gives up with a retry hint when keys stay unprocessed after every attempt", async () => {
    // Prepare
    await seedInventory(db.client, db.names.inventory, [row("THR-4", 4), row("THR-5", 5)]);
    const catalog = dynamoCatalog(throttlingOnce(client), db.names.inventory, {
      maxAttempts: 1,
      pause: noPause,
    });

    // Act
    const attempt = catalog.pricesOf(["THR-4", "THR-5"]);

    // Assess
    await expect(attempt).rejects.toThrow(/left 1 SKUs unread after 1 attempts/);
  });

  it("refuses a malformed catalog row, naming its SKU and field", async () => {
    // Prepare
    await client.send(
      new PutCommand({
        TableName: db.names.inventory,
        Item: { sku: "BAD-PRICE", price: { amount: 9.99, currency: "EUR" }, available: 1, reserved: 0 },
      }),
    );

    // Act
    const attempt = dynamoCatalog(client, db.names.inventory).pricesOf(["BAD-PRICE"]);

    // Assess
    await expect(attempt).rejects.toThrow(/inventory row "BAD-PRICE" is malformed \(price\.amount: /);
  });
});
