import { EVENT_DETAIL_ATTRIBUTES, ORDER_EVENT_TYPES } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { eventOfChange } from "../src/event-of-change";

const pending = { orderId: "ord_1", status: "PENDING", customerId: "cus_1", email: "ada@example.test" };
const failed = {
  ...pending,
  status: "FAILED",
  eventType: "OrderFailed",
  error: "PaymentDeclined",
  cause: "declined",
};

describe("eventOfChange", () => {
  it("announces the event a status write sets when it moves the order out of PENDING", () => {
    expect(eventOfChange(pending, failed)).toEqual({
      detailType: "OrderFailed",
      detail: { orderId: "ord_1", error: "PaymentDeclined", cause: "declined" },
    });
  });

  it("announces an outcome written where no item was yet (the status write's other allowed move)", () => {
    expect(eventOfChange(undefined, failed)?.detailType).toBe("OrderFailed");
  });

  it("announces nothing for a PENDING put, a rewrite of the same outcome, or an edit after it", () => {
    expect(eventOfChange(undefined, pending)).toBeUndefined();
    expect(eventOfChange(failed, failed)).toBeUndefined();
    expect(eventOfChange(failed, { ...failed, note: "looked at" })).toBeUndefined();
    expect(eventOfChange(failed, undefined)).toBeUndefined();
  });

  it("ignores an eventType that is not one of the order events", () => {
    expect(eventOfChange(pending, { ...failed, eventType: "toString" })).toBeUndefined();
    expect(eventOfChange(pending, { ...failed, eventType: "OrderShipped" })).toBeUndefined();
  });

  it("builds each detail from exactly the attributes the domain lists, so nothing else of the item leaks", () => {
    for (const detailType of ORDER_EVENT_TYPES) {
      const names = EVENT_DETAIL_ATTRIBUTES[detailType];
      const item = {
        ...pending,
        eventType: detailType,
        ...Object.fromEntries(names.map((n) => [n, `${n}-value`])),
      };

      const event = eventOfChange(pending, item);

      expect(Object.keys(event?.detail ?? {}).sort()).toEqual([...names].sort());
    }
  });

  it("refuses to publish half an event, naming the order and what its status write left out", () => {
    const { cause: _cause, ...withoutCause } = failed;

    expect(() => eventOfChange(pending, withoutCause)).toThrow(
      "order ord_1 announces OrderFailed without cause: the status write that set it is incomplete",
    );
  });
});
