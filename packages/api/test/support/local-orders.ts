import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderStatus } from "@orderflow/domain";
import { documentClient } from "@orderflow/task-kit";

/** A fresh order id per test, so tests sharing a table never see each other's orders. */
export const uniqueOrderId = () => `ord_t${randomUUID().replaceAll("-", "").slice(0, 20)}`;

/** Reads and writes the orders table directly, as the workflow's DynamoDB states do. */
export class OrdersTable {
  readonly client = documentClient();
  constructor(readonly tableName: string) {}

  async item(orderId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item;
  }

  /** What MarkCompleted / MarkFailed / MarkRejected do: set the status and, on failure, error and cause. */
  async mark(
    orderId: string,
    status: OrderStatus,
    failure?: { error: string; cause: string },
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { orderId },
        UpdateExpression: failure
          ? "SET #s = :s, updatedAt = :u, #e = :e, #c = :c"
          : "SET #s = :s, updatedAt = :u",
        ExpressionAttributeNames: { "#s": "status", ...(failure && { "#e": "error", "#c": "cause" }) },
        ExpressionAttributeValues: {
          ":s": status,
          ":u": "2026-11-25T22:00:00.000Z",
          ...(failure && { ":e": failure.error, ":c": failure.cause }),
        },
        ConditionExpression: "attribute_exists(orderId)",
      }),
    );
  }
}
