/** The contract of CreateShipment: its input and the shipment it returns. */
import * as v from "valibot";
import { Address } from "../address";
import { OrderId } from "../ids";
import { LineItem } from "../line-item";

// Each schema is built inside a call marked @__PURE__: esbuild cannot tell that valibot calls made from
// another module are free of side effects, so without the mark a bundle using one schema of this module
// would carry all of them.

export const CreateShipmentInput = /* @__PURE__ */ (() =>
  v.object({
    orderId: OrderId,
    shippingAddress: Address,
    items: v.pipe(v.array(LineItem), v.minLength(1)),
  }))();
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
