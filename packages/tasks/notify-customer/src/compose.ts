import type { Money } from "@orderflow/domain";
import type { OrderOutcomeEvent } from "./contract";
import type { CustomerContact, Mail } from "./ports";

/**
 * What a customer is told about each failure, by error name. The workflow's `cause` is for on-call (it can
 * name tables, stack traces, providers) and never reaches a mail.
 */
const REASONS: Readonly<Record<string, string>> = {
  PaymentDeclined: "Your payment was declined, so nothing was charged.",
  ShipmentFailed: "We cannot ship to the address you gave. Any amount charged has been refunded.",
  OutOfStock: "Some of the items are no longer in stock.",
  ValidationError: "Some details of the order could not be accepted, such as an item we no longer sell.",
};

const FALLBACK_REASON: Readonly<Record<"OrderFailed" | "OrderRejected", string>> = {
  OrderFailed:
    "Something went wrong while we processed it, so we stopped and undid what we had done: any amount charged has been refunded.",
  OrderRejected: "It could not be accepted.",
};

/** Money as a customer reads it: `39.98 EUR` becomes `€39.98`. */
export function formatMoney({ amount, currency }: Money): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

interface Message {
  readonly subject: string;
  /** Paragraphs, in order, each plain text. */
  readonly paragraphs: readonly string[];
}

function messageFor(event: OrderOutcomeEvent): Message {
  const { orderId } = event.detail;
  switch (event["detail-type"]) {
    case "OrderCompleted":
      return {
        subject: `Your order ${orderId} is on its way`,
        paragraphs: [
          `Thank you for your order ${orderId}. It has shipped with tracking number ${event.detail.trackingNumber}.`,
          `Total charged: ${formatMoney(event.detail.total)}.`,
        ],
      };
    case "OrderFailed":
    case "OrderRejected": {
      const kind = event["detail-type"];
      const verb = kind === "OrderFailed" ? "We could not complete" : "We could not accept";
      return {
        subject: `${verb} your order ${orderId}`,
        paragraphs: [
          `${verb} your order ${orderId}. ${REASONS[event.detail.error] ?? FALLBACK_REASON[kind]}`,
          "You are welcome to place the order again.",
        ],
      };
    }
  }
}

/**
 * The mail for one outcome, in plain text and HTML with the same content: a greeting, what happened and
 * the items ordered. It carries nothing of the payment (the order item has no card data either).
 */
export function composeMail(event: OrderOutcomeEvent, contact: CustomerContact): Mail {
  const { subject, paragraphs } = messageFor(event);
  const greeting = `Hello ${contact.name},`;
  const items = contact.items.map((item) => `${item.quantity} × ${item.sku}`);
  const signature = "— orderflow";
  const text = [greeting, ...paragraphs, `Items:\n${items.map((i) => `  ${i}`).join("\n")}`, signature].join(
    "\n\n",
  );
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>Items:</p><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`,
    `<p>${escapeHtml(signature)}</p></body></html>`,
  ].join("\n");
  return { to: contact.email, subject, text, html };
}
