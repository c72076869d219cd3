import { ORDER_ID_PATTERN } from "@orderflow/domain";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { notifyCustomer } from "../src/core";

describe("notifyCustomer", () => {
  it("answers the order id with the time the clock gives", () => {
    // Prepare
    const deps = { now: () => new Date("2030-01-02T03:04:05.678Z") };

    // Act
    const result = notifyCustomer({ orderId: "ord_SCAFFOLD1" }, deps);

    // Assess
    expect(result).toEqual({ orderId: "ord_SCAFFOLD1", handledAt: "2030-01-02T03:04:05.678Z" });
  });

  it("keeps any order id and reads the clock exactly once", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(ORDER_ID_PATTERN),
        fc.date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (orderId, at) => {
          // Prepare
          const now = vi.fn(() => at);

          // Act
          const result = notifyCustomer({ orderId }, { now });

          // Assess
          expect(result.orderId).toBe(orderId);
          expect(Date.parse(result.handledAt)).toBe(at.getTime());
          expect(now).toHaveBeenCalledOnce();
        },
      ),
    );
  });
});
