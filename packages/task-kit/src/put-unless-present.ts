import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, type PutCommandInput } from "@aws-sdk/lib-dynamodb";
// Its own module: only the bundles that use it load util-dynamodb, an import esbuild cannot drop.
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Row } from "./dynamo";

/** What `putUnlessPresent` did: wrote its item, or found the row that stopped it. */
export type PutOutcome =
  | { readonly written: true }
  | { readonly written: false; readonly row: Row | undefined };

/**
 * Sends a conditional put that, when its condition fails, brings back the row that failed it in the same
 * request (ReturnValuesOnConditionCheckFailure), so "write unless there is one, else use that one" takes
 * one round trip instead of a read and a write. `row` is undefined when no row was there (a condition on
 * something other than the row's existence).
 */
export async function putUnlessPresent(
  client: DynamoDBDocumentClient,
  input: Omit<PutCommandInput, "ReturnValuesOnConditionCheckFailure">,
): Promise<PutOutcome> {
  try {
    await client.send(new PutCommand({ ...input, ReturnValuesOnConditionCheckFailure: "ALL_OLD" }));
    return { written: true };
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    const item = (error as { Item?: Record<string, AttributeValue> }).Item;
    return { written: false, row: item ? unmarshall(item) : undefined };
  }
}
