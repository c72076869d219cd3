import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";

/**
 * A DocumentClient created once per process. The endpoint comes from the standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, which is how local runs and tests reach DynamoDB Local.
 */
export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** An item as the DocumentClient reads it. */
export type Row = Record<string, NativeAttributeValue>;

/**
 * The row under `key` in `table`, read strongly consistent, so a row just written is never missed;
 * undefined when there is none.
 */
export async function readRow(
  client: DynamoDBDocumentClient,
  table: string,
  key: Readonly<Record<string, NativeAttributeValue>>,
): Promise<Row | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item;
}
