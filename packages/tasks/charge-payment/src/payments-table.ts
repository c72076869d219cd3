import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { PaymentLedger } from "./ledger";
import { type PaymentRecord, readPaymentRecord } from "./payment-record";

/** Reads one order's payments row, strongly consistent so a just-written record is never missed. */
export async function getPaymentRecord(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<PaymentRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
  );
  return Item ? readPaymentRecord(Item) : undefined;
}

/** The payment ledger on the payments table (key `orderId`): one row per order, written once. */
export function paymentsTable(client: DynamoDBDocumentClient, tableName: string): PaymentLedger {
  return {
    get: (orderId) => getPaymentRecord(client, tableName, orderId),
    async putFirst(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: record,
            ConditionExpression: "attribute_not_exists(orderId)",
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === "ConditionalCheckFailedException") return false;
        throw error;
      }
    },
  };
}
