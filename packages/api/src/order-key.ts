import { createHash } from "node:crypto";
import { ORDER_ID_PATTERN } from "@orderflow/domain";

/**
 * The order's id (its orders-table key and execution name) for a customer's idempotency key: `ord_` and the
 * base64url SHA-256 of both, 47 characters of `[A-Za-z0-9_-]`, within the 80 an execution name may have.
 * Two customers using one key get two orders, and an id says nothing about the key or the customer. A plain
 * hash is enough: reading an order needs the customer's token, not its id.
 */
export function orderIdFor(customerId: string, idempotencyKey: string): string {
  const digest = createHash("sha256").update(JSON.stringify(["order", customerId, idempotencyKey]));
  return `ord_${digest.digest("base64url")}`;
}

/**
 * The client's idempotency key: the `Idempotency-Key` header (a structured-field string, quoted or bare)
 * or the body's `orderId`, which must then agree; undefined when the client sent neither; `false` when
 * what it sent cannot be one.
 */
export function idempotencyKeyOf(
  header: string | undefined,
  bodyKey: string | undefined,
): string | false | undefined {
  if (header === undefined) return bodyKey;
  const key = /^"(.*)"$/.exec(header)?.[1] ?? header;
  return ORDER_ID_PATTERN.test(key) && (bodyKey === undefined || bodyKey === key) ? key : false;
}
