import { EVENT_DETAIL_ATTRIBUTES, type OrderEvents, type OrderEventType } from "@orderflow/domain";

/** An orders-table item as plain JSON (a stream image, unmarshalled). */
export type ItemImage = Readonly<Record<string, unknown>>;

/** What a status write announces: the event's detail-type and its detail. */
export type AnnouncedEvent = {
  readonly [T in OrderEventType]: { readonly detailType: T; readonly detail: OrderEvents[T] };
}[OrderEventType];

const isEventType = (value: unknown): value is OrderEventType =>
  typeof value === "string" && Object.hasOwn(EVENT_DETAIL_ATTRIBUTES, value);

/**
 * The outbox's one rule: a change of an orders-table item announces the event its `eventType` names
 * exactly when it moved the order out of PENDING (or created it with its outcome), which is the only move
 * a status write is allowed to make. A PENDING put, a retry that rewrote the same outcome and any later
 * edit announce nothing, so each order's outcome is published once per change the table records.
 *
 * The detail is the item's attributes that `EVENT_DETAIL_ATTRIBUTES` lists. An item that names an event
 * but lacks one of them is a broken status write: it throws rather than publish half an event.
 */
export function eventOfChange(
  oldImage: ItemImage | undefined,
  newImage: ItemImage | undefined,
): AnnouncedEvent | undefined {
  if (!newImage || !isEventType(newImage.eventType)) return undefined;
  if (oldImage !== undefined && oldImage.status !== "PENDING") return undefined;
  const detailType = newImage.eventType;
  const names: readonly string[] = EVENT_DETAIL_ATTRIBUTES[detailType];
  const missing = names.filter((name) => newImage[name] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `order ${String(newImage.orderId)} announces ${detailType} without ${missing.join(", ")}: the status write that set it is incomplete`,
    );
  }
  const detail = Object.fromEntries(names.map((name) => [name, newImage[name]]));
  // The attributes are those the domain lists for this detail-type, so the pair is well formed.
  return { detailType, detail } as unknown as AnnouncedEvent;
}
