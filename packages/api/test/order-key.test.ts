import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idempotencyKeyOf, orderIdFor } from "../src/order-key";

const key = fc.string({ unit: fc.constantFrom(..."abcdefXYZ0123456789_-"), minLength: 1, maxLength: 64 });
const customer = fc.string({ unit: fc.constantFrom(..."abc|:/0123456789-"), minLength: 1, maxLength: 255 });

describe("orderIdFor", () => {
  it("is an execution name: ord_ and 43 characters of [A-Za-z0-9_-]", () => {
    fc.assert(
      fc.property(customer, key, (c, k) => {
        expect(orderIdFor(c, k)).toMatch(/^ord_[A-Za-z0-9_-]{43}$/);
      }),
    );
  });

  it("is the same for the same customer and key, and differs when either differs", () => {
    fc.assert(
      fc.property(customer, customer, key, key, (c1, c2, k1, k2) => {
        expect(orderIdFor(c1, k1)).toBe(orderIdFor(c1, k1));
        expect(orderIdFor(c1, k1) === orderIdFor(c2, k2)).toBe(c1 === c2 && k1 === k2);
      }),
    );
  });

  it("cannot be made to collide by moving characters between customer and key", () => {
    expect(orderIdFor("cus_a", "b")).not.toBe(orderIdFor("cus_", "ab"));
  });
});

describe("idempotencyKeyOf", () => {
  it.each([
    ["the header", "k1", undefined, "k1"],
    ["a quoted header", '"k1"', undefined, "k1"],
    ["the body's orderId", undefined, "k1", "k1"],
    ["both when they agree", "k1", "k1", "k1"],
    ["nothing", undefined, undefined, undefined],
    ["both when they differ", "k1", "k2", false],
    ["a header outside the pattern", "k 1", undefined, false],
    ["an empty header", "", undefined, false],
    ["a header of 65 characters", "k".repeat(65), undefined, false],
  ])("takes %s", (_case, header, bodyKey, expected) => {
    expect(idempotencyKeyOf(header, bodyKey)).toBe(expected);
  });
});
