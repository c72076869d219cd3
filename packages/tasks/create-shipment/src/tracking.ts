import { createHash } from "node:crypto";

const TRACKING_DIGITS = 12;

function digestOf(orderId: string): Buffer {
  return createHash("sha256").update(orderId).digest();
}

/**
 * The shipment id of an order. Derived, not random: every run for one order names the same shipment, so
 * a retried or concurrent run cannot book a second one under another id.
 */
export function shipmentIdFor(orderId: string): string {
  return `shp_${digestOf(orderId).subarray(0, 10).toString("hex")}`;
}

/**
 * The tracking number of an order's shipment: up to four letters or digits of the carrier's name, then
 * twelve digits from a hash of the order id (`DHL` + `004719283346`). Deterministic for the same reason
 * as the shipment id.
 */
export function trackingNumberFor(carrier: string, orderId: string): string {
  const prefix = carrier
    .toUpperCase()
    .replaceAll(/[^A-Z0-9]/g, "")
    .slice(0, 4);
  const number = digestOf(orderId).readBigUInt64BE(10) % 10n ** BigInt(TRACKING_DIGITS);
  return `${prefix}${number.toString().padStart(TRACKING_DIGITS, "0")}`;
}
