import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderStatus } from "@orderflow/domain";
import type { ListPosition } from "./cursor";
import type { InsertResult, NewOrder, OrderPage, OrderRecord, OrderStore } from "./ports";

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
const OPTIONAL_TEXT = ["customerId", "idempotencyKey", "requestHash", "error", "cause"] as const;

/** What a listing reads of each order: the record, not the stored order. */
const RECORD_PROJECTION = {
  ProjectionExpression: [...TEXT_ATTRIBUTES, ...OPTIONAL_TEXT, "status"].map((a) => `#${a}`).join(),
  ExpressionAttributeNames: Object.fromEntries(
    [...TEXT_ATTRIBUTES, ...OPTIONAL_TEXT, "status"].map((a) => [`#${a}`, a]),
  ),
};

/**
 * The record from an item, checked by hand: a valibot schema here would bring several schema kinds the
 * bundle has no other use for (see above). The workflow's status states update `status`, `updatedAt`
 * and, on failure, `error` and `cause` on the same item; an item of an execution started without the API
 * has no `customerId`, `idempotencyKey` or `requestHash`.
 */
function recordOf(item: Record<string, unknown>): OrderRecord {
  if (
    !Object.hasOwn(KNOWN_STATUSES, String(item.status)) ||
    TEXT_ATTRIBUTES.some((a) => typeof item[a] !== "string")
  ) {
    throw new Error(`order item ${String(item.orderId)} is malformed`);
  }
  const record: Record<string, unknown> = { status: item.status };
  for (const a of TEXT_ATTRIBUTES) record[a] = item[a];
  for (const a of OPTIONAL_TEXT) if (typeof item[a] === "string") record[a] = item[a];
  return record as unknown as OrderRecord;
}

/**
 * Orders in the orders table, one item per order keyed by `orderId`. Besides the record it stores `order`,
 * the order without its card token; `customerId` and `createdAt` are the `byCustomer` index key.
 */
export class DynamoOrderStore implements OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async insertPending({ order, idempotencyKey, requestHash, createdAt }: NewOrder): Promise<InsertResult> {
    const record: OrderRecord = {
      orderId: order.orderId,
      customerId: order.customer.id,
      idempotencyKey,
      status: "PENDING",
      createdAt,
      updatedAt: createdAt,
      requestHash,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, order },
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

  /** Reads the `byCustomer` index (eventually consistent, as every index read is), newest first. */
  async listByCustomer(customerId: string, limit: number, after?: ListPosition): Promise<OrderPage> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byCustomer",
        KeyConditionExpression: "#customerId = :customerId",
        ExpressionAttributeValues: { ":customerId": customerId },
        ScanIndexForward: false,
        Limit: limit,
        ...RECORD_PROJECTION,
        ...(after && { ExclusiveStartKey: { customerId, ...after } }),
      }),
    );
    const next = LastEvaluatedKey && {
      createdAt: String(LastEvaluatedKey.createdAt),
      orderId: String(LastEvaluatedKey.orderId),
    };
    return { records: Items.map(recordOf), ...(next && { next }) };
  }
}
