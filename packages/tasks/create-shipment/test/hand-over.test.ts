import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TRANSACTION_ACTIONS, mergeBySku, planHandOver } from "../src/hand-over";
import { lineItems } from "./doubles";

describe("planHandOver", () => {
  it("covers every SKU exactly once, in order, within DynamoDB's 100 actions per transaction", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (count) => {
        // Prepare
        const items = lineItems(count);

        // Act
        const batches = planHandOver(items);

        // Assess
        expect(batches.flat()).toEqual(items);
        const [first = [], ...later] = batches;
        // The first transaction also holds the shipment put and the reservation update; later ones the counter.
        expect(first.length + 2).toBeLessThanOrEqual(MAX_TRANSACTION_ACTIONS);
        for (const batch of later) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length + 1).toBeLessThanOrEqual(MAX_TRANSACTION_ACTIONS);
        }
      }),
    );
  });

  it.each([
    [1, [1]],
    [98, [98]],
    [99, [98, 1]],
    [100, [98, 2]],
    [197, [98, 99]],
    [198, [98, 99, 1]],
  ])("splits %i SKUs into batches of %j", (count, sizes) => {
    // Act
    const batches = planHandOver(lineItems(count));

    // Assess
    expect(batches.map((b) => b.length)).toEqual(sizes);
  });

  it("merges lines of the same SKU, since one transaction may touch a row only once", () => {
    // Prepare
    const items = [
      { sku: "MUG-BLUE", quantity: 2 },
      { sku: "TEA-1", quantity: 1 },
      { sku: "MUG-BLUE", quantity: 3 },
    ];

    // Act
    const merged = mergeBySku(items);

    // Assess
    expect(merged).toEqual([
      { sku: "MUG-BLUE", quantity: 5 },
      { sku: "TEA-1", quantity: 1 },
    ]);
  });
});
