import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerStep } from "../src/ledger";
import {
  holdStep,
  isSettled,
  MAX_LINES_PER_STEP,
  type ReservationRecord,
  releaseStep,
  reservationOf,
  reserveStep,
  returnStep,
  stockMoveOf,
} from "../src/reservation-record";
import { linesOf } from "../testing";

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

/** What a release writes for an order without a reservation. */
const tombstone = () => ({ ...recordOf(0, 0), status: "RELEASED" as const });

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

describe("the reserve and release planners", () => {
  it("reserve: creates the record with the first lines, holds the rest, then plans nothing", () => {
    // Prepare
    const fresh = () => recordOf(150);
    const steps: LedgerStep[] = [];
    let record: ReservationRecord | undefined;

    // Act
    for (let step = reserveStep(record, fresh); step; step = reserveStep(record, fresh)) {
      steps.push(step);
      record = step.to;
    }

    // Assess
    expect(steps.map((step) => [step.from?.heldLines, step.to?.heldLines])).toEqual([
      [undefined, 99],
      [99, 150],
    ]);
    expect(record).toEqual(recordOf(150, 150));
  });

  it.each([
    ["RELEASED", 0],
    ["SHIPPED", 0],
    ["SHIPPED", 2],
  ] as const)("reserve: plans nothing for a %s record holding %i lines", (status, heldLines) => {
    // Act / Assess
    expect(reserveStep({ ...recordOf(3, heldLines), status }, () => recordOf(3))).toBeUndefined();
  });

  it("release: returns every held line, up to 99 per step, and leaves the record RELEASED", () => {
    // Act
    const { steps, end } = stepsFrom(recordOf(100, 100), (r) => releaseStep(r, tombstone));

    // Assess
    expect(steps.map((step) => stockMoveOf(step).lines.length)).toEqual([99, 1]);
    expect(end).toEqual({ ...recordOf(100, 0), status: "RELEASED" });
  });

  it("release: finishes a release interrupted between its steps", () => {
    // Act
    const step = releaseStep({ ...recordOf(100, 1), status: "RELEASED" }, tombstone);

    // Assess
    expect(step && stockMoveOf(step)).toEqual({ move: "return", lines: linesOf(1) });
  });

  it.each([
    ["a released record holding nothing", { ...recordOf(2, 0), status: "RELEASED" as const }],
    ["a shipped record", { ...recordOf(2, 0), status: "SHIPPED" as const }],
    ["a shipped record whose hand-over is under way", { ...recordOf(2, 2), status: "SHIPPED" as const }],
  ])("release: plans nothing for %s", (_, record) => {
    // Act / Assess
    expect(releaseStep(record, tombstone)).toBeUndefined();
  });

  it("release: fences an order without a record off with a tombstone that holds nothing", () => {
    // Act
    const step = releaseStep(undefined, tombstone);

    // Assess
    expect(step).toEqual({ from: undefined, to: tombstone() });
    expect(step && stockMoveOf(step)).toEqual({ move: "hold", lines: [] });
  });
});

describe("stockMoveOf", () => {
  it("tells a step towards SHIPPED (stock leaves) from a return (stock goes back to available)", () => {
    // Prepare
    const held = recordOf(3, 3);

    // Act
    const shipped = stockMoveOf({ from: held, to: { ...held, status: "SHIPPED", heldLines: 1 } });
    const released = stockMoveOf({ from: held, to: { ...held, status: "RELEASED", heldLines: 1 } });
    const rolledBack = stockMoveOf({ from: held, to: undefined });

    // Assess
    expect(shipped).toEqual({ move: "ship", lines: linesOf(3).slice(1) });
    expect(released).toEqual({ move: "return", lines: linesOf(3).slice(1) });
    expect(rolledBack).toEqual({ move: "return", lines: linesOf(3) });
  });
});
