/** The contracts of ReserveInventory and of its compensation, ReleaseInventory. */
import * as v from "valibot";
import { OrderId } from "../ids";
import { LineItem } from "../line-item";

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
