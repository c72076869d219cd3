/** The contracts of ReserveInventory and of its compensation, ReleaseInventory. */
import * as v from "valibot";
import { OrderId } from "../ids";
import { LineItem } from "../line-item";

// Each schema is built inside a call marked @__PURE__: esbuild cannot tell that valibot calls made from
// another module are free of side effects, so without the mark a bundle using one schema of this module
// would carry all of them.

export const ReserveInventoryInput = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    items: v.pipe(v.array(LineItem), v.minLength(1)),
  }))();
export type ReserveInventoryInput = v.InferOutput<typeof ReserveInventoryInput>;

export const RESERVATION_STATUSES = ["HELD", "RELEASED", "SHIPPED"] as const;
export const Reservation = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    items: v.array(LineItem),
    status: v.picklist(RESERVATION_STATUSES),
    createdAt: v.string(),
  }))();
export type Reservation = v.InferOutput<typeof Reservation>;
export const ReserveInventoryOutput = Reservation;

export const ReleaseInventoryInput = /* @__PURE__ */ (() => v.object({ orderId: OrderId }))();
export type ReleaseInventoryInput = v.InferOutput<typeof ReleaseInventoryInput>;

export const ReleaseInventoryOutput = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    /**
     * RELEASED: stock returned now; ALREADY_RELEASED / NOTHING_RESERVED: nothing to do (the order is fenced
     * off: a reserve or a shipment that comes later finds the reservation released and does nothing);
     * ALREADY_SHIPPED: the order shipped after all, every unit handed over; HANDOVER_INCOMPLETE: it shipped,
     * but some lines are still reserved (a person finishes the hand-over).
     */
    outcome: v.picklist([
      "RELEASED",
      "ALREADY_RELEASED",
      "NOTHING_RESERVED",
      "ALREADY_SHIPPED",
      "HANDOVER_INCOMPLETE",
    ]),
    items: v.array(LineItem),
  }))();
export type ReleaseInventoryOutput = v.InferOutput<typeof ReleaseInventoryOutput>;
