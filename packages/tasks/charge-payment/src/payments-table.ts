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

/** A conditional put: true when written, false when the condition did not hold. */
async function putIf(
  client: DynamoDBDocumentClient,
  command: ConstructorParameters<typeof PutCommand>[0],
): Promise<boolean> {
  try {
    await client.send(new PutCommand(command));
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

/**
 * The payment ledger on the payments table (key `orderId`): one row per order, written PENDING first and
 * completed once.
 */
export function paymentsTable(client: DynamoDBDocumentClient, tableName: string): PaymentLedger {
  return {
    get: (orderId) => getPaymentRecord(client, tableName, orderId),
    putFirst: (record) =>
      putIf(client, {
        TableName: tableName,
        Item: record,
        ConditionExpression: "attribute_not_exists(orderId)",
      }),
    complete: (record) =>
      putIf(client, {
        TableName: tableName,
        Item: record,
        ConditionExpression: "#status = :pending",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":pending": "PENDING" },
      }),
  };
}
