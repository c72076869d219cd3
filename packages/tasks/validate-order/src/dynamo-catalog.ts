import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { describeIssues, formatIssues, InventoryItem, type Money } from "@orderflow/domain";
import * as v from "valibot";
import type { Catalog } from "./catalog";

/** DynamoDB's limit on keys per BatchGetItem request. */
const MAX_KEYS_PER_REQUEST = 100;
const CatalogPrice = v.pick(InventoryItem, ["sku", "price"]);
type KeysAndAttributes = NonNullable<BatchGetCommandOutput["UnprocessedKeys"]>[string];

export interface DynamoCatalogOptions {
  /**
   * Requests per batch before giving up on keys DynamoDB keeps returning as unprocessed (throttling).
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * Waits between those requests.
   * @default setTimeout-based sleep
   */
  readonly pause?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function priceOf(row: Record<string, unknown>): [string, Money] {
  const parsed = v.safeParse(CatalogPrice, row);
  if (parsed.success) return [parsed.output.sku, parsed.output.price];
  const problems = formatIssues(describeIssues(parsed.issues));
  throw new Error(
    `inventory row ${JSON.stringify(row.sku)} is malformed (${problems}); fix the row in the inventory table`,
  );
}

/** The catalog on the inventory table (key `sku`): prices read with BatchGetItem, 100 SKUs per request. */
export function dynamoCatalog(
  client: DynamoDBDocumentClient,
  tableName: string,
  { maxAttempts = 5, pause = sleep }: DynamoCatalogOptions = {},
): Catalog {
  async function readBatch(skus: readonly string[], prices: Map<string, Money>): Promise<void> {
    let pending: KeysAndAttributes | undefined = {
      Keys: skus.map((sku) => ({ sku })),
      ProjectionExpression: "#sku, #price",
      ExpressionAttributeNames: { "#sku": "sku", "#price": "price" },
    };
    for (let attempt = 1; pending?.Keys?.length; attempt++) {
      if (attempt > maxAttempts) {
        throw new Error(
          `the inventory table left ${pending.Keys.length} SKUs unread after ${maxAttempts} attempts (throttled); retry the order`,
        );
      }
      // Full jitter, so throttled callers do not come back in step.
      if (attempt > 1) await pause(Math.random() * 50 * 2 ** attempt);
      const answer: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: pending } }),
      );
      for (const row of answer.Responses?.[tableName] ?? []) prices.set(...priceOf(row));
      pending = answer.UnprocessedKeys?.[tableName];
    }
  }

  return {
    async pricesOf(skus) {
      const prices = new Map<string, Money>();
      const unique = [...new Set(skus)];
      for (let start = 0; start < unique.length; start += MAX_KEYS_PER_REQUEST) {
        await readBatch(unique.slice(start, start + MAX_KEYS_PER_REQUEST), prices);
      }
      return prices;
    },
  };
}
