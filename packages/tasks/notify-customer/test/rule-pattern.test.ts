import { EVENT_SOURCE, ORDER_EVENT_TYPES } from "@orderflow/domain";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { OrderOutcomeEvent } from "../src/contract";
import { NOTIFY_RULE_PATTERN } from "../src/task";

/** An event of `detailType` as the outbox would publish it, with every detail attribute any type carries. */
const eventOf = (detailType: string) => ({
  id: "evt-1",
  source: EVENT_SOURCE,
  time: "2030-01-02T03:04:05Z",
  "detail-type": detailType,
  detail: {
    orderId: "ord_1",
    total: { amount: 100, currency: "EUR" },
    trackingNumber: "T-1",
    error: "ShipmentFailed",
    cause: "carrier down",
    incomplete: '["RefundPayment"]',
  },
});

describe("the notify rule's event pattern", () => {
  it("delivers exactly the order events the function's contract accepts", () => {
    // Act
    const accepted = ORDER_EVENT_TYPES.filter((type) => v.is(OrderOutcomeEvent, eventOf(type)));

    // Assess
    expect(NOTIFY_RULE_PATTERN["detail-type"]).toEqual(accepted);
    expect(NOTIFY_RULE_PATTERN.source).toEqual([EVENT_SOURCE]);
  });

  it("leaves an order that needs a person to on-call, not to the customer", () => {
    // Assess
    expect(NOTIFY_RULE_PATTERN["detail-type"]).not.toContain("OrderNeedsAttention");
  });
});
