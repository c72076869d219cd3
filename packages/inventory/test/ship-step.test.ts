import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stockMoveOf } from "../src/reservation-record";
import { shippedLines, shipStep } from "../src/ship-step";
import { linesOf, recordOf } from "../testing";

/** DynamoDB's limit on the actions of one TransactWriteItems call. */
const MAX_TRANSACTION_ACTIONS = 100;

/** Every step from a fully held reservation until shipStep plans none. */
function shipAll(lines: number) {
  const steps = [];
  let record = recordOf(lines, lines);
  for (let step = shipStep(record); step; step = shipStep(record)) {
    steps.push(step);
    record = step.to ?? record;
  }
  return { steps, record };
}

describe("shipStep", () => {
  it("hands every line over exactly once, within DynamoDB's 100 actions per transaction, ending SHIPPED with none held", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (lines) => {
        // Act
        const { steps, record } = shipAll(lines);

        // Assess
        const moved = steps.map((step) => stockMoveOf(step));
        expect(moved.every((m) => m.move === "ship")).toBe(true);
        expect(steps.map(shippedLines)).toEqual(moved.map((m) => m.lines));
        expect(
          moved
            .flatMap((m) => m.lines)
            .map((l) => l.sku)
            .sort(),
        ).toEqual(linesOf(lines).map((l) => l.sku));
        // Every step has the record's update; the first also puts the shipment.
        moved.forEach((m, index) => {
          expect(m.lines.length + (index === 0 ? 2 : 1)).toBeLessThanOrEqual(MAX_TRANSACTION_ACTIONS);
        });
        expect(record).toMatchObject({ status: "SHIPPED", heldLines: 0 });
      }),
    );
  });

  it.each([
    [1, [1]],
    [98, [98]],
    [99, [98, 1]],
    [100, [98, 2]],
  ])("ships %i lines in steps of %j", (lines, sizes) => {
    // Act
    const { steps } = shipAll(lines);

    // Assess
    expect(steps.map((step) => stockMoveOf(step).lines.length)).toEqual(sizes);
  });

  it.each([
    ["no reservation", undefined],
    ["a partly held reservation", recordOf(100, 99)],
    ["a released one", recordOf(3, 0, "RELEASED")],
    ["a finished shipment", recordOf(3, 0, "SHIPPED")],
  ])("plans nothing for %s", (_, record) => {
    // Act / Assess
    expect(shipStep(record)).toBeUndefined();
  });
});
