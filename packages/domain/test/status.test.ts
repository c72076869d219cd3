import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, IllegalTransition, isTerminal, ORDER_STATUSES } from "../src";

const status = fc.constantFrom(...ORDER_STATUSES);

describe("order status transitions", () => {
  it("lets a pending order end in exactly one terminal state", () => {
    for (const to of ["COMPLETED", "REJECTED", "FAILED"] as const) {
      expect(canTransition("PENDING", to)).toBe(true);
      expect(isTerminal(to)).toBe(true);
    }
  });

  it("rejects every move out of a terminal state and every move back to PENDING", () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (isTerminal(from) || to === "PENDING") {
          expect(canTransition(from, to)).toBe(false);
          expect(() => assertTransition(from, to)).toThrow(IllegalTransition);
        } else {
          expect(() => assertTransition(from, to)).not.toThrow();
        }
      }),
    );
  });

  it("names both states and what is allowed in the error", () => {
    expect(() => assertTransition("COMPLETED", "FAILED")).toThrow(
      "order status cannot move from COMPLETED to FAILED; allowed from COMPLETED: none (terminal)",
    );
  });
});
