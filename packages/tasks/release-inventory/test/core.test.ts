import { InventoryContention } from "@orderflow/domain";
import { type ReservationRecord, stockMoveOf } from "@orderflow/inventory";
import { linesOf, recordOf, scriptedLedger } from "@orderflow/inventory/testing";
import { describe, expect, it } from "vitest";
import { releaseInventory } from "../src/core";

const NOW = new Date("2026-03-01T10:00:00.000Z");
const noPause = async () => {};
const release = (ledger: ReturnType<typeof scriptedLedger>) =>
  releaseInventory({ orderId: "ord_1" }, { ledger, now: () => NOW, contention: { pause: noPause } });
const stepsOf = (ledger: ReturnType<typeof scriptedLedger>) => ledger.apply.mock.calls.map(([step]) => step);
/** What the release writes for an order without a reservation. */
const TOMBSTONE: ReservationRecord = {
  orderId: "ord_1",
  items: [],
  status: "RELEASED",
  createdAt: NOW.toISOString(),
  heldLines: 0,
};
const movesOf = (ledger: ReturnType<typeof scriptedLedger>) =>
  ledger.apply.mock.calls.map(([step]) => stockMoveOf(step));

describe("releaseInventory", () => {
  it("returns every held line and marks the reservation RELEASED in one step", async () => {
    // Prepare
    const ledger = scriptedLedger({ stored: recordOf(3, 3) });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "RELEASED", items: linesOf(3) });
    expect(stepsOf(ledger)).toEqual([{ from: recordOf(3, 3), to: recordOf(3, 0, "RELEASED") }]);
  });

  it("returns a 100-line reservation in two steps of at most 99 lines", async () => {
    // Prepare
    const ledger = scriptedLedger({ stored: recordOf(100, 100) });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output.outcome).toBe("RELEASED");
    expect(movesOf(ledger)).toEqual([
      { move: "return", lines: linesOf(100).slice(1) },
      { move: "return", lines: linesOf(100).slice(0, 1) },
    ]);
  });

  it("returns only the held lines of a reservation an interrupted reserve left half-held", async () => {
    // Prepare
    const ledger = scriptedLedger({ stored: recordOf(100, 99) });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output.outcome).toBe("RELEASED");
    expect(movesOf(ledger)).toEqual([{ move: "return", lines: linesOf(99) }]);
  });

  it("finishes a release interrupted between its two steps", async () => {
    // Prepare
    const ledger = scriptedLedger({ stored: recordOf(100, 1, "RELEASED") });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output.outcome).toBe("RELEASED");
    expect(movesOf(ledger)).toEqual([{ move: "return", lines: linesOf(1) }]);
  });

  it("fences an order without a reservation off with a RELEASED tombstone and answers NOTHING_RESERVED", async () => {
    // Prepare
    const ledger = scriptedLedger();

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "NOTHING_RESERVED", items: [] });
    expect(stepsOf(ledger)).toEqual([{ from: undefined, to: TOMBSTONE }]);
  });

  it.each([
    ["NOTHING_RESERVED", "the tombstone of an earlier release", TOMBSTONE, []],
    ["ALREADY_RELEASED", "a released one", recordOf(2, 0, "RELEASED"), linesOf(2)],
    ["ALREADY_SHIPPED", "a shipped one whose hand-over finished", recordOf(2, 0, "SHIPPED"), linesOf(2)],
    ["HANDOVER_INCOMPLETE", "a shipped one still holding lines", recordOf(2, 2, "SHIPPED"), linesOf(2)],
  ])("answers %s without a step for %s", async (outcome, _case, stored, items) => {
    // Prepare
    const ledger = scriptedLedger({ stored });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome, items });
    expect(ledger.apply).not.toHaveBeenCalled();
  });

  it("answers ALREADY_RELEASED when a concurrent release got there first", async () => {
    // Prepare
    const ledger = scriptedLedger({
      stored: recordOf(2, 2),
      results: [{ outcome: "stale", current: recordOf(2, 0, "RELEASED") }],
    });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output.outcome).toBe("ALREADY_RELEASED");
    expect(ledger.apply).toHaveBeenCalledTimes(1);
  });

  it("fences the order off when the reserve rolled its reservation back meanwhile", async () => {
    // Prepare
    const ledger = scriptedLedger({
      stored: recordOf(100, 99),
      results: [{ outcome: "stale", current: undefined }],
    });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "NOTHING_RESERVED", items: [] });
    expect(stepsOf(ledger)[1]).toEqual({ from: undefined, to: TOMBSTONE });
  });

  it("returns what a reserve held when it created the record just before the tombstone", async () => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "stale", current: recordOf(2, 2) }] });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "RELEASED", items: linesOf(2) });
    expect(stepsOf(ledger)[1]).toEqual({ from: recordOf(2, 2), to: recordOf(2, 0, "RELEASED") });
  });

  it("answers HANDOVER_INCOMPLETE when the order shipped while the release was planning", async () => {
    // Prepare: the shipment's first step got there first; its second has not run
    const ledger = scriptedLedger({
      stored: recordOf(100, 100),
      results: [{ outcome: "stale", current: recordOf(100, 2, "SHIPPED") }],
    });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "HANDOVER_INCOMPLETE", items: linesOf(100) });
    expect(ledger.apply).toHaveBeenCalledTimes(1);
  });

  it("gives up with the retryable InventoryContention when conflicts do not stop", async () => {
    // Prepare
    const ledger = scriptedLedger({
      stored: recordOf(2, 2),
      results: Array.from({ length: 10 }, () => ({ outcome: "contended" as const })),
    });

    // Act
    const attempt = release(ledger);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InventoryContention);
    expect(ledger.apply).toHaveBeenCalledTimes(4);
  });
});
