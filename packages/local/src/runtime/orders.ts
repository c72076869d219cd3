import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId, OrderId } from "@orderflow/domain";
import * as v from "valibot";

/** An execution input the local runtime cannot start, like StartExecution's InvalidExecutionInput/InvalidName. */
export class InvalidExecutionInput extends Error {
  override readonly name = "InvalidExecutionInput";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The order as the workflow receives it: an object whose `orderId` (the execution name) is valid,
 * assigned when missing as the API does. Everything else is left to ValidateOrder to judge.
 */
export function withOrderId(
  input: unknown,
  newId: () => string = newOrderId,
): Record<string, unknown> & { orderId: string } {
  if (!isRecord(input)) throw new InvalidExecutionInput("the order must be a JSON object");
  const orderId = input.orderId ?? newId();
  const checked = v.safeParse(OrderId, orderId);
  if (!checked.success) {
    throw new InvalidExecutionInput(`orderId ${JSON.stringify(orderId)} ${checked.issues[0].message}`);
  }
  return { ...input, orderId: checked.output };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** Canonical JSON: two inputs that differ only in key order are the same execution input. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * Writes the order as PENDING before its execution starts, as `POST /orders` does: the workflow's status
 * states update this item. The card token is not stored. An existing item is left as it is.
 *
 * @returns false when the order was already stored.
 */
export async function putPendingOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  order: Record<string, unknown> & { orderId: string },
  now: Date = new Date(),
): Promise<boolean> {
  const { payment: _token, ...stored } = order;
  const customerId = isRecord(order.customer) ? order.customer.id : undefined;
  const createdAt = now.toISOString();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          orderId: order.orderId,
          status: "PENDING",
          createdAt,
          updatedAt: createdAt,
          requestHash: createHash("sha256").update(canonicalJson(order)).digest("hex"),
          // The byCustomer index key must be a string; an order that has none is simply not indexed.
          ...(typeof customerId === "string" && customerId !== "" && { customerId }),
          order: stored,
        },
        ConditionExpression: "attribute_not_exists(orderId)",
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
