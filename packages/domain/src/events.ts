import type { Money } from "./money";

/** EventBridge `Source` of every event the workflow publishes. */
export const EVENT_SOURCE = "orderflow.orders";

export interface OrderCompletedDetail {
  readonly orderId: string;
  readonly total: Money;
  readonly trackingNumber: string;
}

export interface OrderFailedDetail {
  readonly orderId: string;
  readonly error: string;
  readonly cause: string;
}

export interface OrderRejectedDetail {
  readonly orderId: string;
  readonly error: string;
  readonly cause: string;
}

/** The order ended needing a person: `incomplete` (JSON) names the steps left to settle by hand. */
export interface OrderNeedsAttentionDetail {
  readonly orderId: string;
  readonly error: string;
  readonly cause: string;
  readonly incomplete: string;
}

export interface OrderEvents {
  OrderCompleted: OrderCompletedDetail;
  OrderFailed: OrderFailedDetail;
  OrderRejected: OrderRejectedDetail;
  OrderNeedsAttention: OrderNeedsAttentionDetail;
}

export type OrderEventType = keyof OrderEvents;
export const ORDER_EVENT_TYPES = [
  "OrderCompleted",
  "OrderFailed",
  "OrderRejected",
  "OrderNeedsAttention",
] as const satisfies readonly OrderEventType[];

/** The event each terminal status is announced with (the outbox writes it beside the status). */
export const EVENT_OF_STATUS = {
  COMPLETED: "OrderCompleted",
  REJECTED: "OrderRejected",
  FAILED: "OrderFailed",
  NEEDS_ATTENTION: "OrderNeedsAttention",
} as const satisfies Readonly<Record<string, OrderEventType>>;

/**
 * The outbox: each order event is built from the orders-table item that a status write leaves, as these
 * attributes of the item (the write sets `eventType` to the event's detail-type beside the status). Infra's
 * pipes and the local runtime's pipe both build the detail from this one list.
 */
export const EVENT_DETAIL_ATTRIBUTES = {
  OrderCompleted: ["orderId", "total", "trackingNumber"],
  OrderFailed: ["orderId", "error", "cause"],
  OrderRejected: ["orderId", "error", "cause"],
  OrderNeedsAttention: ["orderId", "error", "cause", "incomplete"],
} as const satisfies { readonly [T in OrderEventType]: readonly (keyof OrderEvents[T])[] };
