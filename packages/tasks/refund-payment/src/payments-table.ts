import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getPaymentRecord } from "@orderflow/task-charge-payment/payments-table";
import type { RefundLedger } from "./ledger";

/** The refund side of the payments table: reads the order's row and flips it to REFUNDED once. */
export function refundsTable(client: DynamoDBDocumentClient, tableName: string): RefundLedger {
  return {
    get: (orderId) => getPaymentRecord(client, tableName, orderId),
    async markRefunded(orderId, { refundId, chargeId, refundedAt }) {
      try {
        await client.send(
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
        );
        return true;
      } catch (error) {
        if ((error as Error).name === "ConditionalCheckFailedException") return false;
        throw error;
      }
    },
  };
}
