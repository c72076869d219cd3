import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

/** Direct access to the payments table for arranging and checking tests. */
export function paymentsRows(client: DynamoDBClient, tableName: string) {
  const documents = DynamoDBDocumentClient.from(client);
  return {
    put: (item: Record<string, unknown>) =>
      documents.send(new PutCommand({ TableName: tableName, Item: item })),
    async get(orderId: string) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
      );
      return Item;
    },
  };
}
