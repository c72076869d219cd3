/**
 * The two single-row idioms every table adapter needs: a read that never misses a write just made, and a
 * conditional write that reports a failed condition as an answer rather than an error.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  type UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

/** An item as the DocumentClient reads it. */
export type Row = Record<string, NativeAttributeValue>;

/** The row under `key` in `table`, read strongly consistent; undefined when there is none. */
export async function readRow(
  client: DynamoDBDocumentClient,
  table: string,
  key: Readonly<Record<string, NativeAttributeValue>>,
): Promise<Row | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item;
}

/**
 * Sends a conditional put or update: true when it wrote, false when its condition did not hold (and it
 * wrote nothing). Any other failure is thrown as it came.
 */
export async function writeIf(
  client: DynamoDBDocumentClient,
  command: PutCommand | UpdateCommand,
): Promise<boolean> {
  try {
    // Two calls only for the compiler: `send` is typed per command.
    await (command instanceof PutCommand ? client.send(command) : client.send(command));
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
