import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerStep } from "../src/ledger";
import {
  holdStep,
  isSettled,
  MAX_LINES_PER_STEP,
  type ReservationRecord,
  reservationOf,
  returnStep,
  stockMoveOf,
} from "../src/reservation-record";
import { linesOf } from "../src/testing";

const recordOf = (lineCount: number, heldLines = 0): ReservationRecord => ({
  orderId: "ord_1",
  items: linesOf(lineCount),
  status: "HELD",
  createdAt: "2026-01-01T00:00:00.000Z",
  heldLines,
});

/** The steps a planner makes from `start` until it makes none, each applied as if it succeeded. */
function stepsFrom(start: ReservationRecord, plan: (r: ReservationRecord) => LedgerStep | undefined) {
  const steps: LedgerStep[] = [];
  let record: ReservationRecord | undefined = start;
  for (let step = record && plan(record); step; step = record && plan(record)) {
    steps.push(step);
    record = step.to;
  }
  return { steps, end: record };
}

describe("hold and return steps", () => {
  it("hold every line exactly once, in order, at most 99 lines per step, for orders of any size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (lineCount) => {
        // Act
        const { steps, end } = stepsFrom(recordOf(lineCount), (r) =>
          isSettled(r) ? undefined : holdStep(r, r.heldLines > 0),
        );

        // Assess
        const moves = steps.map(stockMoveOf);
        expect(moves.every((m) => m.move === "hold" && m.lines.length <= MAX_LINES_PER_STEP)).toBe(true);
        expect(moves.flatMap((m) => m.lines)).toEqual(linesOf(lineCount));
        expect(steps[0]?.from).toBeUndefined();
        expect(steps.length).toBe(Math.ceil(lineCount / MAX_LINES_PER_STEP));
        expect(end?.heldLines).toBe(lineCount);
      }),
    );
  });

  it("return every held line exactly once, at most 99 per step, and delete the record with the last", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
        fc.boolean(),
        ([lineCount, heldLines], deleteWhenEmpty) => {
          // Act
          const { steps, end } = stepsFrom(recordOf(lineCount, heldLines), (r) =>
            r.heldLines > 0 ? returnStep(r, "RELEASED", { deleteWhenEmpty }) : undefined,
          );

          // Assess
          const moves = steps.map(stockMoveOf);
          expect(moves.every((m) => m.move === "return" && m.lines.length <= MAX_LINES_PER_STEP)).toBe(true);
          expect(
            moves
              .flatMap((m) => m.lines)
              .map((l) => l.sku)
              .sort(),
          ).toEqual(
            linesOf(heldLines)
              .map((l) => l.sku)
              .sort(),
          );
          expect(end).toEqual(deleteWhenEmpty ? undefined : { ...recordOf(lineCount), status: "RELEASED" });
        },
      ),
    );
  });

  it("show the workflow the reservation without the held-lines bookkeeping", () => {
    // Act
    const reservation = reservationOf(recordOf(2, 2));

    // Assess
    expect(reservation).toEqual({
      orderId: "ord_1",
      items: linesOf(2),
      status: "HELD",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
  });
});
