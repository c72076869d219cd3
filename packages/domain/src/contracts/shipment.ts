/** The contract of CreateShipment: its input and the shipment it returns. */
import * as v from "valibot";
import { OrderId } from "../ids";

// Each schema is built inside a call marked @__PURE__: esbuild cannot tell that valibot calls made from
// another module are free of side effects, so without the mark a bundle using one schema of this module
// would carry all of them.

/**
 * Ids only: the task reads the address from the orders table and the items from the reservation, so the
 * request carries no personal data and fits in a container's 8 KB of overrides whatever the order's size.
 */
export const CreateShipmentInput = /* @__PURE__ */ (() => v.object({ orderId: OrderId }))();
export type CreateShipmentInput = v.InferOutput<typeof CreateShipmentInput>;

export const Shipment = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    shipmentId: v.string(),
    carrier: v.string(),
    trackingNumber: v.string(),
    status: v.picklist(["CREATED"]),
    createdAt: v.string(),
  }))();
export type Shipment = v.InferOutput<typeof Shipment>;
export const CreateShipmentOutput = Shipment;
