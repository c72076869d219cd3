import { InventoryContention } from "@orderflow/domain";
import { stockMoveOf } from "@orderflow/inventory";
import { linesOf, recordOf, scriptedLedger } from "@orderflow/inventory/testing";
import { describe, expect, it } from "vitest";
import { releaseInventory } from "../src/core";

const noPause = async () => {};
const release = (ledger: ReturnType<typeof scriptedLedger>) =>
  releaseInventory({ orderId: "ord_1" }, { ledger, contention: { pause: noPause } });
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
    expect(ledger.apply.mock.calls.map(([step]) => step)).toEqual([
      { from: recordOf(3, 3), to: recordOf(3, 0, "RELEASED") },
    ]);
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

  it.each([
    ["NOTHING_RESERVED", "no reservation", undefined, []],
    ["ALREADY_RELEASED", "a released one", recordOf(2, 0, "RELEASED"), linesOf(2)],
    ["ALREADY_SHIPPED", "a shipped one", recordOf(2, 0, "SHIPPED"), linesOf(2)],
    ["ALREADY_SHIPPED", "a shipped one still counting held lines", recordOf(2, 2, "SHIPPED"), linesOf(2)],
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

  it("answers NOTHING_RESERVED when the reserve rolled its reservation back meanwhile", async () => {
    // Prepare
    const ledger = scriptedLedger({
      stored: recordOf(100, 99),
      results: [{ outcome: "stale", current: undefined }],
    });

    // Act
    const output = await release(ledger);

    // Assess
    expect(output).toEqual({ orderId: "ord_1", outcome: "NOTHING_RESERVED", items: [] });
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
