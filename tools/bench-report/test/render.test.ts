import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { readBlock, replaceBlock } from "../src/readme-block";
import { performanceBlock, renderTable } from "../src/render";
import { BENCH_SOURCES, readBenchReport } from "../src/sources";

const localEngine = (p50Ms: number, concurrentPerSecond: number) => ({
  generatedAt: "2026-12-07T20:00:00.000Z",
  dynamoDbLocal: { requestsPerOrder: 10, roundTripMs: 1 },
  sequential: { p50Ms, ordersPerSecond: 50 },
  concurrent: { concurrency: 16, ordersPerSecond: concurrentPerSecond },
  paths: [{ path: "success", transitions: 5, standardUsd: 125 }],
});

async function rootWith(files: Record<string, unknown>): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), "bench-report-"));
  for (const [file, json] of Object.entries(files)) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(json));
  }
  return pathToFileURL(`${dir}/`);
}

const onlyLocalEngine = BENCH_SOURCES.filter((s) => s.file === "packages/cli/bench/results.json");

describe("the performance table", () => {
  it("divides each result by the floor of its own run and says whether the goal is met", async () => {
    // Prepare
    const root = await rootWith({ "packages/cli/bench/results.json": localEngine(12, 160) });

    // Act
    const table = renderTable((await readBenchReport(root, onlyLocalEngine)).measures);

    // Assess
    expect(table).toContain("| 12 ms | 10 ms (10 requests × 1 ms) | 1.2× | ≤ 1.5× floor: met |");
    expect(table).toContain("| 160 orders/s | 50 orders/s one at a time | 3.2× | ≥ 3× one at a time: met |");
    expect(table).toContain("| 5 ($125 per 1M orders on Standard) | — | — | ≤ 6: met |");
  });

  it("marks a goal the run missed", async () => {
    // Prepare
    const root = await rootWith({ "packages/cli/bench/results.json": localEngine(20, 100) });

    // Act
    const table = renderTable((await readBenchReport(root, onlyLocalEngine)).measures);

    // Assess
    expect(table).toContain("| 2× | ≤ 1.5× floor: **missed** |");
    expect(table).toContain("| 2× | ≥ 3× one at a time: **missed** |");
  });

  it("names the file and the field when a result file lacks one", async () => {
    // Prepare
    const { sequential: _, ...broken } = localEngine(12, 160);
    const root = await rootWith({ "packages/cli/bench/results.json": broken });

    // Act
    const reading = readBenchReport(root, onlyLocalEngine);

    // Assess
    await expect(reading).rejects.toThrow(/packages\/cli\/bench\/results\.json .*sequential/);
  });

  it("replaces only the marked block of the README", async () => {
    // Prepare
    const root = await rootWith({ "packages/cli/bench/results.json": localEngine(12, 160) });
    const block = performanceBlock(await readBenchReport(root, onlyLocalEngine));
    const readme = replaceBlock(
      "# Title\n\nBefore.\n\n<!-- performance:begin (pnpm bench writes this table; do not edit by hand) -->\nold\n<!-- performance:end -->\n\nAfter.\n",
      "placeholder",
    );

    // Act
    const updated = replaceBlock(readme, block);

    // Assess
    expect(readBlock(updated)).toBe(block);
    expect(updated.startsWith("# Title\n\nBefore.\n")).toBe(true);
    expect(updated.endsWith("<!-- performance:end -->\n\nAfter.\n")).toBe(true);
    expect(block).toContain("From `packages/cli/bench/results.json` (2026-12-07).");
  });
});
