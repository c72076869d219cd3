import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";

/** Every payments row of one order, straight from the table (a scan, so duplicates would show). */
export async function paymentRows(client: DynamoDBClient, tableName: string, orderId: string) {
  const documents = DynamoDBDocumentClient.from(client);
  const { Items = [] } = await documents.send(
    new ScanCommand({
      TableName: tableName,
      ConsistentRead: true,
      FilterExpression: "orderId = :orderId",
      ExpressionAttributeValues: { ":orderId": orderId },
    }),
  );
  return Items;
}

/** Writes a payments row as it is, to arrange a state the task itself reaches only later. */
export async function putPaymentRow(
  client: DynamoDBClient,
  tableName: string,
  item: Record<string, unknown>,
) {
  await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: tableName, Item: item }));
}
