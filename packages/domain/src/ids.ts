import * as v from "valibot";
import { cleanText } from "./text";

/** Order ids become Step Functions execution names, so they keep to the characters those allow. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const OrderId = v.pipe(
  cleanText,
  v.regex(ORDER_ID_PATTERN, "must be 1-64 characters of A-Z, a-z, 0-9, _ or -"),
);
export type OrderId = v.InferOutput<typeof OrderId>;

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const Sku = v.pipe(
  cleanText,
  v.regex(SKU_PATTERN, "must be 3-32 characters of A-Z, 0-9 or -, starting with a letter or digit"),
);
export type Sku = v.InferOutput<typeof Sku>;

/** A new order id: sortable by creation time, unique enough for one shop (`ord_` + time + randomness). */
export function newOrderId(now: number = Date.now()): OrderId {
  const time = now.toString(36).toUpperCase().padStart(9, "0");
  const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => (b % 36).toString(36))
    .join("")
    .toUpperCase();
  return `ord_${time}${random}`;
}
