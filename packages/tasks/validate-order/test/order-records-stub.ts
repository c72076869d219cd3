import { vi } from "vitest";
import type { OrderRecords } from "../src/order-records";

/** Order records that only remember what they were asked to record. */
export function recordingOrders() {
  return {
    recordIfAbsent: vi.fn<OrderRecords["recordIfAbsent"]>(async () => undefined),
  } satisfies OrderRecords;
}
