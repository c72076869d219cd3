import { DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import { readRow } from "@orderflow/task-kit";

/** Direct access to the payments table of one test file, for arranging and checking tests. */
export function paymentRows(db: LocalTables) {
  const documents = DynamoDBDocumentClient.from(db.client);
  const TableName = db.names.payments;
  return {
    /** Writes a row as it is, to arrange a state the tasks reach only later (or never). */
    put: (Item: Record<string, unknown>) => documents.send(new PutCommand({ TableName, Item })),
    get: (orderId: string) => readRow(documents, TableName, { orderId }),
    /** Every row of one order, straight from the table (a scan, so duplicates would show). */
    async all(orderId: string) {
      const { Items = [] } = await documents.send(
        new ScanCommand({
          TableName,
          ConsistentRead: true,
          FilterExpression: "orderId = :orderId",
          ExpressionAttributeValues: { ":orderId": orderId },
        }),
      );
      return Items;
    },
  };
}
