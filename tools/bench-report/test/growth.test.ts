import { describe, expect, it } from "vitest";
import type { GrowthFile } from "../src/growth";
import { fixture, tableOf } from "./bench-files";

const FILE = "infra/bench/growth.json";
const results = () => fixture<GrowthFile>(FILE);

/** The fixture's times of `stack` at `tasks` tasks, to change. */
function at(json: GrowthFile, tasks: number, stack: string) {
  const times = json.sizes.find((s) => s.tasks === tasks)?.stacks[stack];
  if (!times) throw new Error(`the fixture has no ${stack} stack at ${tasks} tasks`);
  return times;
}

describe("the infra growth rows", () => {
  it("hold the largest workflow's slowest stack to the per-stack goal on CPU seconds", async () => {
    // Prepare: at 50 tasks dev takes 3 s CPU + 0.1 s policy pack, prod 2.85 + 0.05 s
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| infra growth | 50 tasks, slowest stack (dev): program CPU + policy pack | 3.10 s (synth 2.51 s wall at load average 7.5) | — | — | ≤ 5 s per stack, on CPU: met |",
    );
  });

  it("judge the per-stack goal on CPU, whatever the wall time on a loaded machine", async () => {
    // Prepare
    const slowWall = await results();
    at(slowWall, 50, "dev").synthS = 9;
    const slowCpu = await results();
    at(slowCpu, 50, "prod").programEvalCpuS = 5.2;

    // Act
    const [slowWallTable, slowCpuTable] = [await tableOf(FILE, slowWall), await tableOf(FILE, slowCpu)];

    // Assess
    expect(slowWallTable).toContain(
      "| 3.10 s (synth 9.00 s wall at load average 7.5) | — | — | ≤ 5 s per stack, on CPU: met |",
    );
    expect(slowCpuTable).toContain("slowest stack (prod)");
    expect(slowCpuTable).toContain(
      "| 5.25 s (synth 2.61 s wall at load average 7.5) | — | — | ≤ 5 s per stack, on CPU: **missed** |",
    );
  });

  it("compare the CPU per added task of the later interval with the earlier, in the steepest stack", async () => {
    // Prepare: dev grows 50 ms per task in both intervals, prod 50 then 40 ms
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| infra growth | linearity, 6 → 25 → 50 tasks, steepest stack (dev) | 50.0 ms CPU per added task, 25 → 50 | 50.0 ms CPU per added task, 6 → 25 | 1× | ≤ 1.5× or growth under 0.1 s (linear): met |",
    );
  });

  it("mark growth superlinear where the growth bench found it so", async () => {
    // Prepare: prod's 25 → 50 tasks cost 80 ms each, 1.6× the 50 ms of 6 → 25
    const json = await results();
    json.linearity.prod = {
      programEvalCpuS: {
        perTaskS: { "6-25": 0.05, "25-50": 0.08 },
        slopeRatio: 1.6,
        linear: false,
      },
    };

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| linearity, 6 → 25 → 50 tasks, steepest stack (prod) | 80.0 ms CPU per added task, 25 → 50 | 50.0 ms CPU per added task, 6 → 25 | 1.6× | ≤ 1.5× or growth under 0.1 s (linear): **missed** |",
    );
  });

  it("take the growth bench's verdict where a steep ratio is a growth too small to mean anything", async () => {
    // Prepare: 10 then 21 ms per task, 2.1×, which the bench counts as noise (under 0.1 s in all)
    const json = await results();
    json.linearity.prod = {
      programEvalCpuS: {
        perTaskS: { "6-25": 0.01, "25-50": 0.021 },
        slopeRatio: 2.1,
        linear: true,
      },
    };

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain("| 2.1× | ≤ 1.5× or growth under 0.1 s (linear): met |");
  });

  it("read the sizes in the order of their task counts", async () => {
    // Prepare
    const json = await results();
    json.sizes.reverse();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain("| linearity, 6 → 25 → 50 tasks, steepest stack (dev) |");
  });

  it("refuse a file without a stack's linearity, naming the stack", async () => {
    // Prepare
    const json = await results();
    delete json.linearity.dev;

    // Act
    const reading = tableOf(FILE, json);

    // Assess
    await expect(reading).rejects.toThrow("infra/bench/growth.json has no linearity for the dev stack");
  });

  it("refuse fewer than three sizes: one interval shows no change of slope", async () => {
    // Prepare
    const json = await results();
    json.sizes.pop();

    // Act
    const reading = tableOf(FILE, json);

    // Assess
    await expect(reading).rejects.toThrow(/sizes: growth needs three workflow sizes/);
  });
});
