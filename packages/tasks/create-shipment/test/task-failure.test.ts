import { ShipmentFailed } from "@orderflow/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { failureOf, MAX_CAUSE_LENGTH, MAX_ERROR_LENGTH } from "../src/task-failure";

const length = (text: string) => Array.from(text).length;

describe("failureOf", () => {
  it("reports a business error under its name with its message", () => {
    // Act
    const failure = failureOf(new ShipmentFailed("we do not ship to US"));

    // Assess
    expect(failure).toEqual({ error: "ShipmentFailed", cause: "shipment failed: we do not ship to US" });
  });

  it("reports something thrown that is not an Error as Error with its text", () => {
    // Act / Assess
    expect(failureOf("socket hang up")).toEqual({ error: "Error", cause: "socket hang up" });
  });

  it("keeps name and message whole within Step Functions' limits and cuts them to the limits beyond", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
        fc.string({ unit: "grapheme", maxLength: 33_000 }),
        (name, message) => {
          // Act
          const { error, cause } = failureOf(Object.assign(new Error(message), { name }));

          // Assess
          expect(length(error)).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
          expect(length(cause)).toBeLessThanOrEqual(MAX_CAUSE_LENGTH);
          if (length(name) <= MAX_ERROR_LENGTH) expect(error).toBe(name);
          else expect(name.startsWith(error.slice(0, -1))).toBe(true);
          if (length(message) <= MAX_CAUSE_LENGTH) expect(cause).toBe(message);
          else expect(message.startsWith(cause.slice(0, -1))).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("cuts a long message to exactly the limit, ending in an ellipsis", () => {
    // Act
    const { cause } = failureOf(new Error("x".repeat(MAX_CAUSE_LENGTH + 10)));

    // Assess
    expect(cause).toBe(`${"x".repeat(MAX_CAUSE_LENGTH - 1)}…`);
  });
});
