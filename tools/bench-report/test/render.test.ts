import { describe, expect, it } from "vitest";
import { readBlock, replaceBlock } from "../src/readme-block";
import { performanceBlock, renderTable } from "../src/render";
import { readBenchReport } from "../src/sources";
import { type BenchFile, FIXTURES, fixture, rootWith } from "./bench-files";

/** A scratch root holding every fixture result file, or `instead` for some. */
async function rootWithEveryFile(instead: Partial<Record<BenchFile, unknown>> = {}): Promise<URL> {
  const files = Object.keys(FIXTURES) as BenchFile[];
  const all = Object.fromEntries(await Promise.all(files.map(async (f) => [f, await fixture(f)])));
  return rootWith({ ...all, ...instead });
}

describe("the performance table", () => {
  it("gives the rows of every result file in the order of their sources, under one header", async () => {
    // Prepare
    const root = await rootWithEveryFile();

    // Act
    const rows = renderTable((await readBenchReport(root)).measures).split("\n");

    // Assess
    expect(rows[0]).toBe("| area | measure | result | floor (same run) | ratio | goal |");
    expect(rows.slice(2).map((row) => row.split(" | ")[0])).toEqual([
      "| local engine",
      "| local engine",
      "| workflow",
      "| cold start",
      "| cold start",
      "| bundle",
      "| infra growth",
      "| infra growth",
    ]);
  });

  it("names the file and the field when a result file lacks one", async () => {
    // Prepare
    const { sequential: _, ...broken } = await fixture<Record<string, unknown>>(
      "packages/cli/bench/results.json",
    );
    const root = await rootWithEveryFile({ "packages/cli/bench/results.json": broken });

    // Act
    const reading = readBenchReport(root);

    // Assess
    await expect(reading).rejects.toThrow(/packages\/cli\/bench\/results\.json .*sequential/);
  });

  it("names a missing file and the command that writes it", async () => {
    // Prepare
    const root = await rootWith({
      "packages/cli/bench/results.json": await fixture("packages/cli/bench/results.json"),
    });

    // Act
    const reading = readBenchReport(root);

    // Assess
    await expect(reading).rejects.toThrow("tools/lambda-bench/bench/results.json is missing; run pnpm bench");
  });
});

describe("the README block", () => {
  it("says which file each number comes from and when it was measured", async () => {
    // Prepare
    const root = await rootWithEveryFile();

    // Act
    const block = performanceBlock(await readBenchReport(root));

    // Assess
    expect(block).toMatch(
      /\n\nFrom `packages\/cli\/bench\/results\.json` \(2026-12-08\), `tools\/lambda-bench\/bench\/results\.json` \(2026-12-08\), `infra\/bench\/growth\.json` \(2026-12-08\)\.$/,
    );
  });

  it("replaces only the marked block of the README", async () => {
    // Prepare
    const block = performanceBlock(await readBenchReport(await rootWithEveryFile()));
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
  });
});
