import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";

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
