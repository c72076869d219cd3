import { createHash } from "node:crypto";
import { ORDER_ID_PATTERN } from "@orderflow/domain";

/** Where a page of one customer's orders ends: the last order's `createdAt` and id (its index key). */
export interface ListPosition {
  readonly createdAt: string;
  readonly orderId: string;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

function tagOf(customerId: string, { createdAt, orderId }: ListPosition): string {
  const digest = createHash("sha256").update(JSON.stringify(["cursor", customerId, createdAt, orderId]));
  return digest.digest("base64url").slice(0, 22);
}

/**
 * An opaque cursor for the next page, bound to the customer it was made for. The listing reads only the
 * caller's own partition whatever the cursor says; the tag makes a cursor altered, truncated or taken from
 * another customer's listing a 400 instead of a silently different page.
 */
export function encodeCursor(customerId: string, position: ListPosition): string {
  const fields = [position.createdAt, position.orderId, tagOf(customerId, position)];
  return Buffer.from(JSON.stringify(fields)).toString("base64url");
}

/** The position a cursor from {@link encodeCursor} stands for, or undefined when it is not one for this customer. */
export function decodeCursor(customerId: string, cursor: string): ListPosition | undefined {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 3) return undefined;
  const [createdAt, orderId, tag] = fields as unknown[];
  if (typeof createdAt !== "string" || !ISO_INSTANT.test(createdAt)) return undefined;
  if (typeof orderId !== "string" || !ORDER_ID_PATTERN.test(orderId)) return undefined;
  const position = { createdAt, orderId };
  return tag === tagOf(customerId, position) ? position : undefined;
}
