import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderStatus } from "@orderflow/domain";
import type { InsertResult, NewOrder, OrderRecord, OrderStore } from "./ports";

/**
 * The statuses, checked against the domain type by the compiler (a missing or unknown key fails tsc).
 * Not imported as ORDER_STATUSES: that module's valibot schema would come along and the function has a
 * 40 KB budget.
 */
const KNOWN_STATUSES: Readonly<Record<OrderStatus, true>> = {
  PENDING: true,
  COMPLETED: true,
  NEEDS_ATTENTION: true,
  REJECTED: true,
  FAILED: true,
};
const TEXT_ATTRIBUTES = ["orderId", "createdAt", "updatedAt"] as const;

/**
 * The record from an item, checked by hand: a valibot schema here would bring several schema kinds the
 * bundle has no other use for (see above). The workflow's status states update `status`, `updatedAt`
 * and, on failure, `error` and `cause` on the same item.
 */
function recordOf(item: Record<string, unknown>): OrderRecord {
  const { status, error, cause, requestHash } = item;
  if (
    !Object.hasOwn(KNOWN_STATUSES, String(status)) ||
    TEXT_ATTRIBUTES.some((a) => typeof item[a] !== "string")
  ) {
    throw new Error(`order item ${String(item.orderId)} is malformed`);
  }
  const { orderId, createdAt, updatedAt } = item as Record<(typeof TEXT_ATTRIBUTES)[number], string>;
  return {
    orderId,
    status: status as OrderStatus,
    createdAt,
    updatedAt,
    // Absent when the workflow recorded an execution that was started without the API.
    ...(typeof requestHash === "string" && { requestHash }),
    ...(typeof error === "string" && { error }),
    ...(typeof cause === "string" && { cause }),
  };
}

/**
 * Orders in the orders table, one item per order keyed by `orderId`. Besides the record it stores
 * `customerId` (with `createdAt`, the `byCustomer` index key) and `order`, the order without its card token.
 */
export class DynamoOrderStore implements OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async insertPending({ order, requestHash, createdAt }: NewOrder): Promise<InsertResult> {
    const record: OrderRecord = {
      orderId: order.orderId,
      status: "PENDING",
      createdAt,
      updatedAt: createdAt,
      requestHash,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, customerId: order.customer.id, order },
          ConditionExpression: "attribute_not_exists(orderId)",
        }),
      );
      return { inserted: true, record };
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
    const existing = await this.get(order.orderId);
    // Orders are never deleted, so a failed condition means the item is there to read.
    if (!existing) throw new Error(`order ${order.orderId} vanished`);
    return { inserted: false, existing };
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item ? recordOf(Item) : undefined;
  }
}
