import { EVENT_SOURCE, Money, OrderId } from "@orderflow/domain";
import * as v from "valibot";

/*
 * The function's contract: an order outcome event as EventBridge delivers it to a rule's target (the
 * envelope with `detail-type`, `source` and the workflow's `detail`). Other envelope fields are ignored.
 */

const envelope = <const T extends string, D extends v.ObjectEntries>(detailType: T, detail: D) =>
  v.object({
    id: v.string(),
    "detail-type": v.literal(detailType),
    source: v.literal(EVENT_SOURCE),
    time: v.pipe(v.string(), v.isoTimestamp()),
    detail: v.object(detail),
  });

const failure = { orderId: OrderId, error: v.string(), cause: v.string() };

/** OrderCompleted, OrderFailed or OrderRejected (the outcomes the customer hears about), told apart by `detail-type`. */
export const OrderOutcomeEvent = v.variant("detail-type", [
  envelope("OrderCompleted", { orderId: OrderId, total: Money, trackingNumber: v.string() }),
  envelope("OrderFailed", failure),
  envelope("OrderRejected", failure),
]);
export type OrderOutcomeEvent = v.InferOutput<typeof OrderOutcomeEvent>;

/** What the function answers: which mail went out for which order. */
export const NotifyCustomerOutput = v.object({
  orderId: OrderId,
  detailType: v.string(),
  messageId: v.pipe(v.string(), v.minLength(1)),
});
export type NotifyCustomerOutput = v.InferOutput<typeof NotifyCustomerOutput>;
