import { InventoryContention } from "@orderflow/domain";
import { describe, expect, it, vi } from "vitest";
import { applySteps } from "../src/apply-steps";
import { holdStep, isSettled, type ReservationRecord } from "../src/reservation-record";
import { recordOf, scriptedLedger } from "../testing";

const noPause = async (_ms: number) => {};
/** Holds the next lines until the record is settled. */
const holdAll = (record: ReservationRecord | undefined) =>
  record && !isSettled(record) ? holdStep(record, true) : undefined;

describe("applySteps", () => {
  it("applies the planned steps until the planner plans none, and answers the record they left", async () => {
    // Prepare
    const ledger = scriptedLedger();

    // Act
    const result = await applySteps("ord_1", recordOf(150, 0), holdAll, { ledger });

    // Assess
    expect(result).toEqual({ record: recordOf(150, 150), applied: true });
    expect(ledger.apply).toHaveBeenCalledTimes(2);
  });

  it("changes nothing and answers the start when the planner plans nothing", async () => {
    // Prepare
    const ledger = scriptedLedger();

    // Act
    const result = await applySteps("ord_1", recordOf(2, 2), holdAll, { ledger });

    // Assess
    expect(result).toEqual({ record: recordOf(2, 2), applied: false });
    expect(ledger.apply).not.toHaveBeenCalled();
  });

  it("plans again from the record as it is when a step finds it changed", async () => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "stale", current: recordOf(150, 99) }] });

    // Act
    const result = await applySteps("ord_1", recordOf(150, 0), holdAll, { ledger });

    // Assess
    expect(ledger.apply.mock.calls.map(([step]) => step.from?.heldLines)).toEqual([0, 99]);
    expect(result.record).toEqual(recordOf(150, 150));
  });

  it("stops at the first shortage, answering it with the record as the last applied step left it", async () => {
    // Prepare
    const shortages = [{ sku: "SKU-099", requested: 1, available: 0 }];
    const ledger = scriptedLedger({ results: [{ outcome: "applied" }, { outcome: "short", shortages }] });

    // Act
    const result = await applySteps("ord_1", recordOf(150, 0), holdAll, { ledger });

    // Assess
    expect(result).toEqual({ record: recordOf(150, 99), applied: true, shortages });
  });

  it("tries a conflicting step again after fully jittered waits of up to base·2ⁿ ms", async () => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "contended" }, { outcome: "contended" }] });
    const pause = vi.fn(noPause);

    // Act
    const result = await applySteps("ord_1", recordOf(2, 0), holdAll, {
      ledger,
      contention: { baseDelayMs: 10, pause },
    });

    // Assess
    expect(result.record).toEqual(recordOf(2, 2));
    const waits = pause.mock.calls.map(([ms]) => ms);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThanOrEqual(20);
    expect(waits[1]).toBeLessThanOrEqual(40);
  });

  it("gives up with InventoryContention, naming the order, after the tolerated conflicts", async () => {
    // Prepare
    const ledger = scriptedLedger({
      results: Array.from({ length: 9 }, () => ({ outcome: "contended" as const })),
    });

    // Act
    const attempt = applySteps("ord_7", recordOf(2, 0), holdAll, {
      ledger,
      contention: { attempts: 3, pause: noPause },
    });

    // Assess
    await expect(attempt).rejects.toThrow(
      new InventoryContention("order ord_7: stock kept changing under concurrent orders; retrying is safe"),
    );
    expect(ledger.apply).toHaveBeenCalledTimes(3);
  });

  it("gives up with InventoryContention when the record keeps changing under every step", async () => {
    // Prepare
    const ledger = scriptedLedger({
      results: Array.from({ length: 50 }, () => ({ outcome: "stale" as const, current: recordOf(2, 0) })),
    });

    // Act
    const attempt = applySteps("ord_1", recordOf(2, 0), holdAll, { ledger });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InventoryContention);
    expect(ledger.apply).toHaveBeenCalledTimes(20);
  });
});
