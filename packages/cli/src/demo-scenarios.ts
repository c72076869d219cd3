import type { Order } from "@orderflow/domain";
import { type FaultPlan, sampleOrder } from "@orderflow/local";

/** A sample order and what the demo shows with it. */
export interface DemoScenario {
  readonly label: string;
  readonly description: string;
  readonly order: Record<string, unknown>;
  readonly faults?: FaultPlan;
}

const base: Order = sampleOrder({
  orderId: "ord_demo",
  customer: { id: "cus_ana", email: "ana@example.com" },
  items: [
    { sku: "SKU-TSHIRT-M", quantity: 2 },
    { sku: "SKU-MUG", quantity: 1 },
  ],
});

function order(suffix: string, changes: Partial<Record<keyof Order, unknown>> = {}): Record<string, unknown> {
  return { ...base, ...changes, orderId: `${base.orderId}_${suffix}` };
}

/** One order per path through the workflow, including retried and compensating runs. */
export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  { label: "success", description: "valid order, card approved, ships to DE", order: order("ok") },
  {
    label: "invalid-order",
    description: "an unknown SKU and a zero quantity: ValidateOrder rejects it",
    order: order("invalid", { items: [{ sku: "nope", quantity: 0 }] }),
  },
  {
    label: "out-of-stock",
    description: "5 of a limited vinyl with 2 left: ReserveInventory fails, nothing to undo",
    order: order("oos", { items: [{ sku: "SKU-VINYL-LTD", quantity: 5 }] }),
  },
  {
    label: "payment-declined",
    description: "the card is declined: the reservation is released",
    order: order("declined", { payment: { token: "tok_chargeDeclined" } }),
  },
  {
    label: "not-served",
    description: "we do not ship to the US: ValidateOrder refuses it before anything is held or charged",
    order: order("us", {
      shippingAddress: { ...base.shippingAddress, city: "Austin", postalCode: "73301", country: "US" },
    }),
  },
  {
    label: "shipment-failed",
    description:
      "CreateShipment fails unexpectedly before booking: the stock is released, then the charge refunded",
    order: order("shipfail"),
    faults: { CreateShipment: ["error"] },
  },
  {
    label: "shipped-after-all",
    description:
      "CreateShipment books the parcel but every answer is lost: the release finds it shipped, no refund",
    order: order("lost"),
    faults: { CreateShipment: ["lost", "lost", "lost", "lost"] },
  },
  {
    label: "transient-retried",
    description: "Lambda throttles ChargePayment twice and CreateShipment once; retries succeed",
    order: order("retried"),
    faults: { ChargePayment: ["transient", "transient"], CreateShipment: ["transient"] },
  },
  {
    label: "compensation-retried",
    description: "shipment fails, and both compensations are throttled before they succeed",
    order: order("comp"),
    faults: {
      CreateShipment: ["error"],
      RefundPayment: ["transient"],
      ReleaseInventory: ["transient", "transient"],
    },
  },
];
