import type { LineItem, Shipment } from "@orderflow/domain";
import type { StepResult } from "@orderflow/task-reserve-inventory/ledger";
import type { ReservationRecord } from "@orderflow/task-reserve-inventory/reservation-record";
import { vi } from "vitest";
import type { ShipmentStore } from "../src/store";

export interface StoreScript {
  /** What successive getShipment calls return (the last one repeats). */
  readonly shipments?: readonly (Shipment | undefined)[];
  /** What successive getReservation calls return (the last one repeats). */
  readonly reservations?: readonly (ReservationRecord | undefined)[];
  /** What successive ship calls answer (the last one repeats). */
  readonly steps?: readonly StepResult[];
}

function inTurn<T>(answers: readonly T[]): () => T {
  let call = 0;
  return () => answers[Math.min(call++, answers.length - 1)] as T;
}

/** A store that answers as scripted and records every call: it steers the core, it does not imitate DynamoDB. */
export function scriptedStore(script: StoreScript) {
  const shipment = inTurn(script.shipments ?? [undefined]);
  const reservation = inTurn(script.reservations ?? [undefined]);
  const step = inTurn(script.steps ?? [{ outcome: "applied" }]);
  return {
    getShipment: vi.fn<ShipmentStore["getShipment"]>(async () => shipment()),
    getReservation: vi.fn<ShipmentStore["getReservation"]>(async () => reservation()),
    ship: vi.fn<ShipmentStore["ship"]>(async () => step()),
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
