import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, ratio, summarize } from "../src/stats";

const samples = fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 60 });

describe("median", () => {
  it("has at most half the values strictly below it and at most half strictly above it", () => {
    fc.assert(
      fc.property(samples, (values) => {
        const m = median(values);
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });

  it("does not depend on the order of the values", () => {
    fc.assert(
      fc.property(
        samples.chain((values) =>
          fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
        ),
        ([values, shuffled]) => {
          expect(median(shuffled)).toBe(median(values));
        },
      ),
    );
  });

  it("is the value itself for an odd count and the mean of the middle two for an even count", () => {
    // Act
    const odd = median([5, 1, 3]);
    const even = median([4, 1, 3, 2]);

    // Assess
    expect(odd).toBe(3);
    expect(even).toBe(2.5);
  });

  it("refuses no values", () => {
    expect(() => median([])).toThrow("median of no values");
  });
});

describe("summarize", () => {
  it("keeps the samples in order with their median, minimum and maximum", () => {
    fc.assert(
      fc.property(samples, (values) => {
        const summary = summarize(values);
        expect(summary.samples).toEqual(values);
        expect(summary.min).toBeLessThanOrEqual(summary.median);
        expect(summary.median).toBeLessThanOrEqual(summary.max);
        expect(values).toContain(summary.min);
        expect(values).toContain(summary.max);
      }),
    );
  });
});

describe("ratio", () => {
  it("rounds to two decimals", () => {
    expect(ratio(250, 200)).toBe(1.25);
    expect(ratio(1, 3)).toBe(0.33);
  });
});
