import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderStatus } from "@orderflow/domain";
import { documentClient } from "@orderflow/task-kit";

/** A fresh idempotency key (or order id) per test, so tests sharing a table never see each other's orders. */
export const uniqueOrderId = () => `ord_t${randomUUID().replaceAll("-", "").slice(0, 20)}`;

/** A fresh customer per test: its orders are the test's alone. */
export const uniqueCustomer = () => `cus_${randomUUID()}`;

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

  /** Every order of one customer, straight from the `byCustomer` index. */
  async ofCustomer(customerId: string): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byCustomer",
        KeyConditionExpression: "customerId = :c",
        ExpressionAttributeValues: { ":c": customerId },
      }),
    );
    return Items;
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
