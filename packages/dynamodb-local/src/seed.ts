/**
 * Inventory rows for tests and benchmarks: write the catalog price and stock of some SKUs, and read the
 * stock back to assert on it.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type KeysAndAttributes,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import type { InventoryItem } from "@orderflow/domain";

// DynamoDB's per-request limits for BatchWriteItem and BatchGetItem.
const WRITE_BATCH = 25;
const READ_BATCH = 100;

type Row = Record<string, AttributeValue>;

function toAttributes(row: InventoryItem): Row {
  return {
    sku: { S: row.sku },
    price: { M: { amount: { N: String(row.price.amount) }, currency: { S: row.price.currency } } },
    available: { N: String(row.available) },
    reserved: { N: String(row.reserved) },
  };
}

function fromAttributes(row: Row): InventoryItem {
  const price = row.price?.M ?? {};
  return {
    sku: row.sku?.S ?? "",
    price: { amount: Number(price.amount?.N), currency: price.currency?.S ?? "" },
    available: Number(row.available?.N),
    reserved: Number(row.reserved?.N),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Puts `rows` into the inventory table `tableName`, replacing rows with the same SKU. */
export async function seedInventory(
  client: DynamoDBClient,
  tableName: string,
  rows: readonly InventoryItem[],
): Promise<void> {
  for (const batch of chunks(rows, WRITE_BATCH)) {
    let pending: Record<string, WriteRequest[]> | undefined = {
      [tableName]: batch.map((row) => ({ PutRequest: { Item: toAttributes(row) } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      ({ UnprocessedItems: pending } = await client.send(
        new BatchWriteItemCommand({ RequestItems: pending }),
      ));
    }
  }
}

/**
 * The current rows of `skus` (strongly consistent), in the order asked; SKUs without a row are left out.
 */
export async function readInventory(
  client: DynamoDBClient,
  tableName: string,
  skus: readonly string[],
): Promise<InventoryItem[]> {
  const found = new Map<string, InventoryItem>();
  for (const batch of chunks([...new Set(skus)], READ_BATCH)) {
    let pending: Record<string, KeysAndAttributes> | undefined = {
      [tableName]: { Keys: batch.map((sku) => ({ sku: { S: sku } })), ConsistentRead: true },
    };
    while (pending && Object.keys(pending).length > 0) {
      const answer: BatchGetItemCommandOutput = await client.send(
        new BatchGetItemCommand({ RequestItems: pending }),
      );
      for (const row of answer.Responses?.[tableName] ?? []) found.set(row.sku?.S ?? "", fromAttributes(row));
      pending = answer.UnprocessedKeys;
    }
  }
  return skus.flatMap((sku) => found.get(sku) ?? []);
}
