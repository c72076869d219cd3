/**
 * The shipment is committed (booked, reservation SHIPPED) but a later step failed. Transient by design
 * (the manifests list its name as retryable): the order has shipped, so it must never be compensated
 * with a refund; the workflow retries CreateShipment and the next run resumes the hand-over.
 */
export class ShipmentHandoverIncomplete extends Error {
  override readonly name = "ShipmentHandoverIncomplete";
}
