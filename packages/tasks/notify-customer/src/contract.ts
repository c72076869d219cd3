import { OrderId } from "@orderflow/domain";
import * as v from "valibot";

/*
 * The task's contract. It starts here so the new package stands alone; when the workflow wires the task
 * in, it moves to @orderflow/domain (packages/domain/src/contracts/) next to the other tasks' contracts.
 */

/** What the task reads: the order it works on. Other fields of the workflow state are dropped. */
export const NotifyCustomerInput = v.object({ orderId: OrderId });
export type NotifyCustomerInput = v.InferOutput<typeof NotifyCustomerInput>;

/** What the task answers: the order id, and when it handled the order (ISO 8601, UTC). */
export const NotifyCustomerOutput = v.object({
  orderId: OrderId,
  handledAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type NotifyCustomerOutput = v.InferOutput<typeof NotifyCustomerOutput>;
