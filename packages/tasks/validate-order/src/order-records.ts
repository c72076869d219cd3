import type { Order } from "@orderflow/domain";

/** The orders table as validate-order needs it. */
export interface OrderRecords {
  /**
   * Stores the order PENDING (without its card token) unless the order id has an item already — the API
   * wrote it, or an earlier run did; then nothing changes.
   */
  recordIfAbsent(order: Order): Promise<void>;
}
