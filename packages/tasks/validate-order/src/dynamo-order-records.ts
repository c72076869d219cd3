import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { writeIf } from "@orderflow/task-kit";
import type { OrderRecords } from "./order-records";

/**
 * The orders table (key `orderId`), written as the API writes an accepted order: PENDING, the customer id
 * and creation time the `byCustomer` and `byStatus` indexes read, and the order without its card token.
 */
export function dynamoOrderRecords(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date = () => new Date(),
): OrderRecords {
  return {
    async recordIfAbsent({ payment: _token, ...order }) {
      const createdAt = now().toISOString();
      await writeIf(
        client,
        new PutCommand({
          TableName: tableName,
          Item: {
            orderId: order.orderId,
            status: "PENDING",
            createdAt,
            updatedAt: createdAt,
            customerId: order.customer.id,
            order,
          },
          ConditionExpression: "attribute_not_exists(orderId)",
        }),
      );
    },
  };
}
