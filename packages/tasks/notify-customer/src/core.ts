import { composeMail } from "./compose";

export { escapeHtml } from "./compose";

import type { NotifyCustomerOutput, OrderOutcomeEvent } from "./contract";
import type { Mailer, OrderContacts } from "./ports";

export interface NotifyCustomerDeps {
  readonly orders: OrderContacts;
  readonly mailer: Mailer;
}

/** The order an event names is not in the orders table: the mail has nobody to go to. */
export class OrderNotFound extends Error {
  override readonly name = "OrderNotFound";
}

/**
 * Tells the customer how their order ended: reads the address from the orders table (the event carries
 * only the order id) and sends one mail. Delivery is at least once: a retried event may send its mail
 * twice, which is better than a customer never hearing of a refund.
 *
 * @throws OrderNotFound when the orders table has no item for the event's order; the invocation fails,
 *   so the event is retried and, if the order never appears, lands in the dead-letter queue.
 */
export async function notifyCustomer(
  event: OrderOutcomeEvent,
  deps: NotifyCustomerDeps,
): Promise<NotifyCustomerOutput> {
  const { orderId } = event.detail;
  const contact = await deps.orders.contactOf(orderId);
  if (!contact) {
    throw new OrderNotFound(
      `order ${orderId} of event ${event.id} is not in the orders table; check the event's source and the table name`,
    );
  }
  const { messageId } = await deps.mailer.send(composeMail(event, contact));
  return { orderId, detailType: event["detail-type"], messageId };
}
