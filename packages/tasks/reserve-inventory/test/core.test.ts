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

  it.each([
    ["HELD", 3],
    ["SHIPPED", 0],
    ["SHIPPED", 1],
  ] as const)(
    "returns an existing %s reservation holding %i lines as it is and holds nothing more",
    async (status, heldLines) => {
      // Prepare
      const existing = recordOf(3, heldLines, status);
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

  it.each([
    ["the tombstone of a release that found no reservation", { ...recordOf(0, 0, "RELEASED"), items: [] }],
    ["a released reservation", recordOf(3, 0, "RELEASED")],
  ])("refuses an order fenced off by %s with a plain Error, and holds nothing", async (_, fence) => {
    // Prepare
    const ledger = scriptedLedger({ results: [{ outcome: "stale", current: fence }] });

    // Act
    const attempt = reserveInventory(requestOf(3), depsWith(ledger));

    // Assess: not a business error the workflow would reject the order with
    await expect(attempt).rejects.toThrow(
      "the reservation of order ord_1 is RELEASED: the order was compensated, so nothing is reserved; place a new order",
    );
    await expect(attempt).rejects.toMatchObject({ name: "Error" });
    expect(ledger.apply).toHaveBeenCalledTimes(1);
  });

  it("refuses an order released between the two steps of its 100-line reserve, returning nothing more", async () => {
    // Prepare: the first step held 99 lines, then a release returned them before the second
    const ledger = scriptedLedger({
      results: [{ outcome: "applied" }, { outcome: "stale", current: recordOf(100, 0, "RELEASED") }],
    });

    // Act
    const attempt = reserveInventory(requestOf(100), depsWith(ledger));

    // Assess
    await expect(attempt).rejects.toThrow("is RELEASED: the order was compensated");
    expect(stepsOf(ledger).map((step) => stockMoveOf(step).move)).toEqual(["hold", "hold"]);
  });

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
