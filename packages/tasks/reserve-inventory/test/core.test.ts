import { InventoryContention, OutOfStock } from "@orderflow/domain";
import { stockMoveOf } from "@orderflow/inventory";
import { linesOf, recordOf, scriptedLedger } from "@orderflow/inventory/testing";
import { describe, expect, it, vi } from "vitest";
import { reserveInventory } from "../src/core";

const NOW = new Date("2026-03-01T10:00:00.000Z");
const noPause = async (_ms: number) => {};
const depsWith = (ledger: ReturnType<typeof scriptedLedger>) => ({
  ledger,
  now: () => NOW,
  contention: { pause: vi.fn(noPause) },
});
const requestOf = (lineCount: number) => ({ orderId: "ord_1", items: linesOf(lineCount) });
const stepsOf = (ledger: ReturnType<typeof scriptedLedger>) => ledger.apply.mock.calls.map(([step]) => step);

describe("reserveInventory", () => {
  it("holds an order of up to 99 lines in one step that creates the record", async () => {
    // Prepare
    const ledger = scriptedLedger();

    // Act
    const reservation = await reserveInventory(requestOf(99), depsWith(ledger));

    // Assess
    expect(reservation).toEqual({
      orderId: "ord_1",
      items: linesOf(99),
      status: "HELD",
      createdAt: NOW.toISOString(),
    });
    expect(stepsOf(ledger)).toEqual([{ from: undefined, to: { ...reservation, heldLines: 99 } }]);
  });

  it("holds a 100-line order in two steps: 99 lines with the new record, then the last line", async () => {
    // Prepare
    const ledger = scriptedLedger();

    // Act
    await reserveInventory(requestOf(100), depsWith(ledger));

    // Assess
    const moves = stepsOf(ledger).map(stockMoveOf);
    expect(moves.map((m) => [m.move, m.lines.length])).toEqual([
      ["hold", 99],
      ["hold", 1],
    ]);
    expect(moves[1]?.lines).toEqual([linesOf(100)[99]]);
  });

  it.each(["HELD", "RELEASED", "SHIPPED"] as const)(
    "returns an existing %s reservation as it is and holds nothing more",
    async (status) => {
      // Prepare
      const existing = recordOf(3, status === "HELD" ? 3 : 0, status);
      const ledger = scriptedLedger({ results: [{ outcome: "stale", current: existing }] });

      // Act
      const reservation = await reserveInventory(requestOf(3), depsWith(ledger));

      // Assess
      expect(reservation).toEqual({
        orderId: "ord_1",
        items: linesOf(3),
        status,
        createdAt: existing.createdAt,
      });
      expect(ledger.apply).toHaveBeenCalledTimes(1);
    },
  );

  it("completes a half-held reservation an earlier run left behind", async () => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "stale", current: recordOf(100, 99) }] });

    // Act
    const reservation = await reserveInventory(requestOf(100), depsWith(ledger));

    // Assess
    expect(reservation.status).toBe("HELD");
    expect(stepsOf(ledger)[1]).toEqual({ from: recordOf(100, 99), to: recordOf(100, 100) });
  });

  it("fails with OutOfStock and holds nothing when the first step is short", async () => {
    // Prepare
    const shortages = [{ sku: "SKU-001", requested: 2, available: 1 }];
    const ledger = scriptedLedger({ results: [{ outcome: "short", shortages }] });

    // Act
    const attempt = reserveInventory(requestOf(3), depsWith(ledger));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(OutOfStock);
    await expect(attempt).rejects.toMatchObject({ name: "OutOfStock", shortages });
    expect(ledger.apply).toHaveBeenCalledTimes(1);
  });

  it("returns the 99 held lines and deletes the record when the last line of a 100-line order is short", async () => {
    // Prepare
    const shortages = [{ sku: "SKU-099", requested: 1, available: 0 }];
    const ledger = scriptedLedger({ results: [{ outcome: "applied" }, { outcome: "short", shortages }] });

    // Act
    const attempt = reserveInventory(requestOf(100), depsWith(ledger));

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "OutOfStock", shortages });
    const undo = stepsOf(ledger)[2];
    expect(undo?.to).toBeUndefined();
    expect(undo && stockMoveOf(undo)).toEqual({ move: "return", lines: linesOf(99) });
  });

  it("keeps a reservation another run completed while this one was rolling back", async () => {
    // Prepare
    const shortages = [{ sku: "SKU-099", requested: 1, available: 0 }];
    const completed = recordOf(100, 100);
    const ledger = scriptedLedger({
      results: [
        { outcome: "applied" },
        { outcome: "short", shortages },
        { outcome: "stale", current: completed },
      ],
    });

    // Act
    const reservation = await reserveInventory(requestOf(100), depsWith(ledger));

    // Assess
    expect(reservation).toMatchObject({ status: "HELD", createdAt: completed.createdAt });
    expect(ledger.apply).toHaveBeenCalledTimes(3);
  });

  it("tries a conflicting step again after a short jittered pause", async () => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "contended" }, { outcome: "contended" }] });
    const deps = depsWith(ledger);

    // Act
    const reservation = await reserveInventory(requestOf(2), deps);

    // Assess
    expect(reservation.status).toBe("HELD");
    expect(ledger.apply).toHaveBeenCalledTimes(3);
    const waits = deps.contention.pause.mock.calls.map(([ms]) => ms);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThanOrEqual(50);
    expect(waits[1]).toBeLessThanOrEqual(100);
  });

  it("gives up with the retryable InventoryContention after the tolerated conflicts", async () => {
    // Prepare
    const ledger = scriptedLedger({
      results: Array.from({ length: 10 }, () => ({ outcome: "contended" as const })),
    });
    const deps = { ...depsWith(ledger), contention: { attempts: 3, pause: noPause } };

    // Act
    const attempt = reserveInventory(requestOf(2), deps);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(InventoryContention);
    await expect(attempt).rejects.toMatchObject({ name: "InventoryContention" });
    expect(ledger.apply).toHaveBeenCalledTimes(3);
  });
});
