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

/** The order ended needing a person: `incomplete` names the steps left to settle by hand. */
export interface OrderNeedsAttentionDetail {
  readonly orderId: string;
  readonly error: string;
  readonly cause: string;
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
