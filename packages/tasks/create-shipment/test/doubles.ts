import type { LineItem, Shipment } from "@orderflow/domain";
import { vi } from "vitest";
import type { ReservationRecord, ShipmentStore, WriteOutcome } from "../src/store";

export interface StoreScript {
  /** What successive getShipment calls return (the last one repeats). */
  readonly shipments?: readonly (Shipment | undefined)[];
  /** What successive getReservation calls return (the last one repeats). */
  readonly reservations?: readonly (ReservationRecord | undefined)[];
  /** What successive commitShipment calls answer (the last one repeats). */
  readonly commits?: readonly WriteOutcome[];
  /** What successive handOverBatch calls answer (the last one repeats). */
  readonly handOvers?: readonly WriteOutcome[];
}

function inTurn<T>(answers: readonly T[]): () => T {
  let call = 0;
  return () => answers[Math.min(call++, answers.length - 1)] as T;
}

/** A store that answers as scripted and records every call: it steers the core, it does not imitate DynamoDB. */
export function scriptedStore(script: StoreScript) {
  const shipment = inTurn(script.shipments ?? [undefined]);
  const reservation = inTurn(script.reservations ?? [undefined]);
  const commit = inTurn(script.commits ?? [{ ok: true }]);
  const handOver = inTurn(script.handOvers ?? [{ ok: true }]);
  return {
    getShipment: vi.fn<ShipmentStore["getShipment"]>(async () => shipment()),
    getReservation: vi.fn<ShipmentStore["getReservation"]>(async () => reservation()),
    commitShipment: vi.fn<ShipmentStore["commitShipment"]>(async () => commit()),
    handOverBatch: vi.fn<ShipmentStore["handOverBatch"]>(async () => handOver()),
  } satisfies ShipmentStore;
}

/** `count` distinct line items, SKU-000 … with quantities 1, 2, 3 … */
export function lineItems(count: number): LineItem[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${String(i).padStart(3, "0")}`,
    quantity: (i % 5) + 1,
  }));
}
