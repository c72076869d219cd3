import { defineFunction, EVENT_SOURCE, ORDER_EVENT_TYPES } from "@orderflow/domain";

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

/** The EventBridge event pattern of the rule that invokes the function: every order outcome. */
export const NOTIFY_RULE_PATTERN = {
  source: [EVENT_SOURCE],
  "detail-type": [...ORDER_EVENT_TYPES],
} as const;
