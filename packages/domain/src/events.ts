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

export interface OrderEvents {
  OrderCompleted: OrderCompletedDetail;
  OrderFailed: OrderFailedDetail;
  OrderRejected: OrderRejectedDetail;
}

export type OrderEventType = keyof OrderEvents;
export const ORDER_EVENT_TYPES = [
  "OrderCompleted",
  "OrderFailed",
  "OrderRejected",
] as const satisfies readonly OrderEventType[];
