import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  EVENT_OF_STATUS,
  IllegalTransition,
  isTerminal,
  ORDER_EVENT_TYPES,
  ORDER_STATUSES,
} from "../src";

const status = fc.constantFrom(...ORDER_STATUSES);
const TERMINAL = ["COMPLETED", "REJECTED", "FAILED", "NEEDS_ATTENTION"] as const;

describe("order status transitions", () => {
  it("lets a pending order end in exactly one terminal state, NEEDS_ATTENTION among them", () => {
    // Act / Assess
    expect(allowedTransitions("PENDING")).toEqual(TERMINAL);
    for (const to of TERMINAL) {
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
    expect(() => assertTransition("NEEDS_ATTENTION", "COMPLETED")).toThrow(
      "order status cannot move from NEEDS_ATTENTION to COMPLETED; allowed from NEEDS_ATTENTION: none (terminal)",
    );
  });
});

describe("EVENT_OF_STATUS", () => {
  it("announces every terminal status, and only those, with a distinct event the bus knows", () => {
    // Act
    const statuses = Object.keys(EVENT_OF_STATUS);
    const events = Object.values(EVENT_OF_STATUS);

    // Assess
    expect(statuses.sort()).toEqual([...TERMINAL].sort());
    expect(new Set(events).size).toBe(events.length);
    expect([...events].sort()).toEqual([...ORDER_EVENT_TYPES].sort());
    expect(EVENT_OF_STATUS.NEEDS_ATTENTION).toBe("OrderNeedsAttention");
  });
});
