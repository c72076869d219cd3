/**
 * What each workflow task takes and returns. The workflow state is the validated order with each task's
 * result added under its own key (`reservation`, `charge`, `shipment`), and every task reads only the
 * fields it declares here, so a task's output feeds the next task's input by construction.
 */
import * as v from "valibot";
import { Address } from "./address";
import { OrderId, Sku } from "./ids";
import { Money } from "./money";
import { LineItem, Order } from "./order";

// ValidateOrder ------------------------------------------------------------------------------------

export const ValidateOrderInput = Order;
export type ValidateOrderInput = v.InferOutput<typeof ValidateOrderInput>;

export const PricedLine = v.object({
  sku: Sku,
  quantity: v.number(),
  unitPrice: Money,
  lineTotal: Money,
});
export type PricedLine = v.InferOutput<typeof PricedLine>;

/** The order as the rest of the workflow sees it: client fields plus catalog prices and totals. */
export const ValidatedOrder = v.object({
  ...Order.entries,
  lines: v.array(PricedLine),
  subtotal: Money,
  total: Money,
});
export type ValidatedOrder = v.InferOutput<typeof ValidatedOrder>;

// ReserveInventory / ReleaseInventory --------------------------------------------------------------

export const ReserveInventoryInput = v.object({
  orderId: OrderId,
  items: v.pipe(v.array(LineItem), v.minLength(1)),
});
export type ReserveInventoryInput = v.InferOutput<typeof ReserveInventoryInput>;

export const RESERVATION_STATUSES = ["HELD", "RELEASED", "SHIPPED"] as const;
export const Reservation = v.object({
  orderId: OrderId,
  items: v.array(LineItem),
  status: v.picklist(RESERVATION_STATUSES),
  createdAt: v.string(),
});
export type Reservation = v.InferOutput<typeof Reservation>;
export const ReserveInventoryOutput = Reservation;

export const ReleaseInventoryInput = v.object({ orderId: OrderId });
export type ReleaseInventoryInput = v.InferOutput<typeof ReleaseInventoryInput>;

export const ReleaseInventoryOutput = v.object({
  orderId: OrderId,
  /** RELEASED: stock returned now; ALREADY_RELEASED / NOTHING_RESERVED / ALREADY_SHIPPED: nothing to do. */
  outcome: v.picklist(["RELEASED", "ALREADY_RELEASED", "NOTHING_RESERVED", "ALREADY_SHIPPED"]),
  items: v.array(LineItem),
});
export type ReleaseInventoryOutput = v.InferOutput<typeof ReleaseInventoryOutput>;

// ChargePayment / RefundPayment --------------------------------------------------------------------

export const ChargePaymentInput = v.object({
  orderId: OrderId,
  customerId: v.string(),
  amount: Money,
  paymentToken: v.string(),
});
export type ChargePaymentInput = v.InferOutput<typeof ChargePaymentInput>;

export const PAYMENT_STATUSES = ["CAPTURED", "DECLINED", "REFUNDED"] as const;
export const PaymentStatus = v.picklist(PAYMENT_STATUSES);
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>;

export const Charge = v.object({
  orderId: OrderId,
  chargeId: v.string(),
  amount: Money,
  status: PaymentStatus,
  createdAt: v.string(),
});
export type Charge = v.InferOutput<typeof Charge>;
export const ChargePaymentOutput = Charge;

export const RefundPaymentInput = v.object({ orderId: OrderId });
export type RefundPaymentInput = v.InferOutput<typeof RefundPaymentInput>;

export const RefundPaymentOutput = v.object({
  orderId: OrderId,
  outcome: v.picklist(["REFUNDED", "ALREADY_REFUNDED", "NOTHING_CAPTURED"]),
  amount: v.optional(Money),
});
export type RefundPaymentOutput = v.InferOutput<typeof RefundPaymentOutput>;

// CreateShipment -----------------------------------------------------------------------------------

export const CreateShipmentInput = v.object({
  orderId: OrderId,
  shippingAddress: Address,
  items: v.pipe(v.array(LineItem), v.minLength(1)),
});
export type CreateShipmentInput = v.InferOutput<typeof CreateShipmentInput>;

export const Shipment = v.object({
  orderId: OrderId,
  shipmentId: v.string(),
  carrier: v.string(),
  trackingNumber: v.string(),
  status: v.picklist(["CREATED"]),
  createdAt: v.string(),
});
export type Shipment = v.InferOutput<typeof Shipment>;
export const CreateShipmentOutput = Shipment;
