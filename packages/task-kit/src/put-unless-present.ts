import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
// lib-dynamodb loads util-dynamodb anyway; importing it here, in a module of its own, only keeps the
// import statement (which esbuild cannot drop) out of the bundles that never call this.
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Row } from "./dynamo";

/** What `putUnlessPresent` did: wrote its item, or found the row already under its key. */
export type PutOutcome = { readonly written: true } | { readonly written: false; readonly row: Row };

/**
 * Puts `item` unless a row with its key is there; when one is, writes nothing and answers that row, from
 * the same request (ReturnValuesOnConditionCheckFailure): "write unless there is one, else use that one"
 * in one round trip instead of a read and a write. `key` names the table's partition key attribute.
 */
export async function putUnlessPresent(
  client: DynamoDBDocumentClient,
  put: { readonly tableName: string; readonly key: string; readonly item: Row },
): Promise<PutOutcome> {
  try {
    await client.send(
      new PutCommand({
        TableName: put.tableName,
        Item: put.item,
        // A key attribute's name is never a reserved word here (orderId, sku, chargeKey…).
        ConditionExpression: `attribute_not_exists(${put.key})`,
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return { written: true };
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    // The condition fails only on a row that is there, and DynamoDB returns that row with the refusal.
    return { written: false, row: unmarshall((error as { Item: Record<string, AttributeValue> }).Item) };
  }
}
