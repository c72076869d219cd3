import type { LineItem, Shipment } from "@orderflow/domain";
import type { ReservationRecord, ShippingLedger, StepResult } from "@orderflow/inventory";
import { vi } from "vitest";
import type { ShipmentStore } from "../src/store";

export interface StoreScript {
  /** What successive getShipment calls return (the last one repeats). */
  readonly shipments?: readonly (Shipment | undefined)[];
  /** What successive reservation reads return (the last one repeats). */
  readonly reservations?: readonly (ReservationRecord | undefined)[];
  /** What successive ship steps answer (the last one repeats). */
  readonly steps?: readonly StepResult[];
  /**
   * The country of the order's recorded shipping address (undefined: the order has none).
   * @default "DE"
   */
  readonly destination?: string | undefined;
}

function inTurn<T>(answers: readonly T[]): () => T {
  let call = 0;
  return () => answers[Math.min(call++, answers.length - 1)] as T;
}

/** A store that answers as scripted and records every call: it steers the core, it does not imitate DynamoDB. */
export function scriptedStore(script: StoreScript) {
  const destination = Object.hasOwn(script, "destination") ? script.destination : "DE";
  const shipment = inTurn(script.shipments ?? [undefined]);
  const reservation = inTurn(script.reservations ?? [undefined]);
  const step = inTurn(script.steps ?? [{ outcome: "applied" }]);
  return {
    getShipment: vi.fn<ShipmentStore["getShipment"]>(async () => shipment()),
    destinationOf: vi.fn<ShipmentStore["destinationOf"]>(async () => destination),
    reservations: {
      get: vi.fn<ShippingLedger["get"]>(async () => reservation()),
      apply: vi.fn<ShippingLedger["apply"]>(async () => step()),
    },
  } satisfies ShipmentStore;
}

/** `count` distinct line items, SKU-000 … with quantities 1, 2, 3 … */
export function lineItems(count: number): LineItem[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${String(i).padStart(3, "0")}`,
    quantity: (i % 5) + 1,
  }));
}

/** A reservation record as reserve-inventory leaves it: `heldLines` of `items` held (all by default). */
export function heldRecord(
  orderId: string,
  items: readonly LineItem[],
  change: Partial<Pick<ReservationRecord, "status" | "heldLines">> = {},
): ReservationRecord {
  return {
    orderId,
    items: [...items],
    status: "HELD",
    createdAt: "2030-03-04T00:00:00.000Z",
    heldLines: items.length,
    ...change,
  };
}
