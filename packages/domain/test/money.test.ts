import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Money, multiplyMoney, parseOrThrow, sumMoney } from "../src";

describe("Money", () => {
  it("sums integer minor units exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { maxLength: 100 }), (amounts) => {
        const total = sumMoney(
          "EUR",
          amounts.map((amount) => ({ amount, currency: "EUR" })),
        );
        expect(total).toEqual({ amount: amounts.reduce((a, b) => a + b, 0), currency: "EUR" });
      }),
    );
  });

  it("refuses to add two currencies", () => {
    expect(() => sumMoney("EUR", [{ amount: 1, currency: "USD" }])).toThrow("cannot add USD to EUR");
  });

  it("refuses amounts beyond the safe integer range", () => {
    expect(() => multiplyMoney({ amount: Number.MAX_SAFE_INTEGER, currency: "EUR" }, 2)).toThrow(
      /safe integer/,
    );
  });

  it("rejects fractional, negative and unknown-currency money", () => {
    expect(() => parseOrThrow(Money, { amount: 9.99, currency: "EUR" })).toThrow(
      /amount: must be a whole number/,
    );
    expect(() => parseOrThrow(Money, { amount: -1, currency: "EUR" })).toThrow(
      /amount: must not be negative/,
    );
    expect(() => parseOrThrow(Money, { amount: 1, currency: "EURO" })).toThrow(
      /currency: must be an ISO 4217/,
    );
  });
});
