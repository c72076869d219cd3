import { defineFunction, EVENT_SOURCE, type OrderEventType } from "@orderflow/domain";

/**
 * What the notify-customer function needs from the platform. It is not a workflow step: an EventBridge
 * rule on the order bus invokes it with each outcome event ({@link NOTIFY_RULE_PATTERN}), so infra deploys
 * it beside the workflow, and the local cloud emulates the rule.
 */
export const task = defineFunction({
  name: "notify-customer",
  description: "E-mails the customer when an order completes, fails or is rejected.",
  memoryMb: 256,
  timeoutSeconds: 10,
  // The customer's address is read here, where the mail is sent, so it never travels through the workflow.
  tables: { orders: ["GetItem"] },
  env: {
    MAIL_FROM: {
      description:
        "From address of customer mails, e.g. orders@shop.example.com; infra grants ses:SendEmail on its SES identity only.",
    },
  },
});

/**
 * The outcomes the customer hears about. Not `OrderNeedsAttention`: such an order's outcome is not settled
 * yet (a person decides it, alerted by its alarm), and the customer hears the outcome once it is.
 */
export const NOTIFIED_EVENT_TYPES = [
  "OrderCompleted",
  "OrderFailed",
  "OrderRejected",
] as const satisfies readonly OrderEventType[];

/** The EventBridge event pattern of the rule that invokes the function: the outcomes the customer hears about. */
export const NOTIFY_RULE_PATTERN = {
  source: [EVENT_SOURCE],
  "detail-type": [...NOTIFIED_EVENT_TYPES],
} as const;
