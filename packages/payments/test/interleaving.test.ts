import { describe, expect, it } from "vitest";
import { interleaving } from "../testing";

/** A port that notes each call, so a test sees the order calls really ran in. */
function notebook(calls: string[], name: string) {
  return { name, note: async (what: string) => void calls.push(`${name}:${what}`) };
}

async function twoRuns(picks: readonly number[]) {
  const calls: string[] = [];
  const schedule = interleaving(picks);
  const a = schedule.gate(notebook(calls, "a"));
  const b = schedule.gate(notebook(calls, "b"));
  const results = await schedule.run([
    async () => {
      await a.note("1");
      await a.note("2");
      return "a done";
    },
    async () => {
      await b.note("1");
      throw new Error("b failed");
    },
  ]);
  return { calls, results, trace: schedule.trace };
}

describe("interleaving", () => {
  it("lets the calls go one at a time in the order the picks choose, and settles every run", async () => {
    // Act
    const first = await twoRuns([0, 1]);
    const second = await twoRuns([1]);

    // Assess
    expect(first.calls).toEqual(["a:1", "a:2", "b:1"]);
    expect(second.calls).toEqual(["b:1", "a:1", "a:2"]);
    expect(second.trace).toEqual(["b.note", "a.note", "a.note"]);
    expect(second.results).toEqual([
      { status: "fulfilled", value: "a done" },
      { status: "rejected", reason: new Error("b failed") },
    ]);
  });

  it("replays the same interleaving for the same picks", async () => {
    // Act
    const runs = await Promise.all([twoRuns([1, 0, 1]), twoRuns([1, 0, 1])]);

    // Assess
    expect(runs[0].calls).toEqual(runs[1].calls);
  });
});
