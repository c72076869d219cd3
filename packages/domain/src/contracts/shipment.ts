/** The contract of CreateShipment: its input and the shipment it returns. */
import * as v from "valibot";
import { Address } from "../address";
import { OrderId } from "../ids";
import { LineItem } from "../line-item";

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
