import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readBlock } from "../src/readme-block";
import { performanceBlock } from "../src/render";
import { readBenchReport } from "../src/sources";

const root = new URL("../../../", import.meta.url);

describe("the README's performance numbers", () => {
  it("are the ones in the committed bench result files", async () => {
    // Prepare
    const readme = await readFile(new URL("README.md", root), "utf8");

    // Act
    const expected = performanceBlock(await readBenchReport(root));

    // Assess
    expect(readBlock(readme), "run pnpm bench (or pnpm --filter @orderflow/bench-report write)").toBe(
      expected,
    );
  });
});
