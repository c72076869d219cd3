import type { OrderOutcomeEvent } from "../src/contract";
import type { CustomerContact } from "../src/ports";

type Failure = Extract<OrderOutcomeEvent, { "detail-type": "OrderFailed" | "OrderRejected" }>;

const envelope = { id: "evt-1", source: "orderflow.orders", time: "2030-01-02T03:04:05Z" } as const;

export function completed(orderId: string): OrderOutcomeEvent {
  return {
    ...envelope,
    "detail-type": "OrderCompleted",
    detail: { orderId, total: { amount: 3998, currency: "EUR" }, trackingNumber: "SANDBOX-TRACK-1" },
  };
}

export function failed(
  orderId: string,
  error: string,
  cause: string,
  detailType: Failure["detail-type"] = "OrderFailed",
): OrderOutcomeEvent {
  return { ...envelope, "detail-type": detailType, detail: { orderId, error, cause } };
}

export const ANA: CustomerContact = {
  email: "ana@example.com",
  name: "Ana Lima",
  items: [{ sku: "SKU-TSHIRT-M", quantity: 2 }],
};
