/**
 * The payments table (key `orderId`): one row per order in its current state. The charge side writes it
 * PENDING first and completes it once; the refund side moves PENDING or CAPTURED to REFUNDED once. Each
 * side is its own factory, so a bundle carries only the writes its task makes.
 */
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { readRow, writeIf } from "@orderflow/task-kit";
import type { ChargeLedger, RefundLedger } from "./ledger";
import { type PaymentRecord, readPaymentRecord } from "./payment-record";

/** Reads one order's payments row, strongly consistent so a just-written record is never missed. */
async function getPaymentRecord(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<PaymentRecord | undefined> {
  const row = await readRow(client, tableName, { orderId });
  return row ? readPaymentRecord(row) : undefined;
}

/** The charge side: the first record (PENDING, or the outcome) and its one completion. */
export function dynamoChargeLedger(client: DynamoDBDocumentClient, tableName: string): ChargeLedger {
  return {
    get: (orderId) => getPaymentRecord(client, tableName, orderId),
    putFirst: (record) =>
      writeIf(
        client,
        new PutCommand({
          TableName: tableName,
          Item: record,
          ConditionExpression: "attribute_not_exists(orderId)",
        }),
      ),
    complete: (record) =>
      writeIf(
        client,
        new PutCommand({
          TableName: tableName,
          Item: record,
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":pending": "PENDING" },
        }),
      ),
  };
}

/** The refund side: reads the order's row and flips it to REFUNDED once. */
export function dynamoRefundLedger(client: DynamoDBDocumentClient, tableName: string): RefundLedger {
  return {
    get: (orderId) => getPaymentRecord(client, tableName, orderId),
    markRefunded: (orderId, { refundId, chargeId, refundedAt }) =>
      writeIf(
        client,
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          UpdateExpression:
            "SET #status = :refunded, chargeId = :chargeId, refundId = :refundId, refundedAt = :refundedAt",
          ConditionExpression: "#status IN (:captured, :pending)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":refunded": "REFUNDED",
            ":captured": "CAPTURED",
            ":pending": "PENDING",
            ":chargeId": chargeId,
            ":refundId": refundId,
            ":refundedAt": refundedAt,
          },
        }),
      ),
  };
}
