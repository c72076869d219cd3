import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Align, type BenchResults, GOALS, renderTable, resultsTable } from "../src/report";
import { summarize } from "../src/stats";

const cell = fc.string({ unit: fc.constantFrom(..."abcXYZ0123456789.-@/ "), maxLength: 14 });

describe("renderTable", () => {
  it("pads every column to its widest cell so each column starts at the same offset on every line", () => {
    const table = fc.integer({ min: 1, max: 6 }).chain((columns) =>
      fc.record({
        header: fc.array(
          cell.filter((c) => c.trim() !== ""),
          { minLength: columns, maxLength: columns },
        ),
        rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
        align: fc.array(fc.constantFrom<Align>("left", "right"), { minLength: columns, maxLength: columns }),
      }),
    );
    fc.assert(
      fc.property(table, ({ header, rows, align }) => {
        // Act
        const lines = renderTable(header, rows, align).split("\n");

        // Assess
        expect(lines).toHaveLength(rows.length + 2);
        expect(new Set(lines.map((l) => l.length)).size).toBe(1);
        const widths = lines[1]?.split("  ").map((rule) => rule.length) ?? [];
        [header, ...rows].forEach((cells, i) => {
          const line = lines[i === 0 ? 0 : i + 1] ?? "";
          let offset = 0;
          cells.forEach((c, column) => {
            const width = widths[column] ?? 0;
            const slot = line.slice(offset, offset + width);
            expect(align[column] === "right" ? slot.endsWith(c) : slot.startsWith(c)).toBe(true);
            offset += width + 2;
          });
        });
      }),
    );
  });
});

describe("resultsTable", () => {
  it("shows sizes in KB, medians in ms, both ratios and whether each goal is met", () => {
    // Prepare
    const results: BenchResults = {
      generatedAt: "2026-11-25T21:00:00.000Z",
      environment: { node: "v24.21.0", platform: "linux x64", cpus: 2, cpuModel: "cpu" },
      method: { runsPerKind: 3, warmupRunsPerKind: 0, description: "" },
      goals: GOALS,
      skipped: [],
      packages: [
        {
          name: "@orderflow/api",
          path: "packages/api",
          bundle: {
            rawBytes: 40_651,
            gzipBytes: 13_312,
            files: [{ path: "dist/handler.mjs", rawBytes: 40_651 }],
          },
          sdkModules: ["@aws-sdk/client-sfn"],
          floorCalls: [{ client: "SFNClient", command: "StartExecutionCommand" }],
          coldStartMs: {
            handler: summarize([250]),
            handlerImport: summarize([180]),
            handlerInvoke: summarize([45]),
            bareNode: summarize([40]),
            sdkFloor: summarize([200]),
          },
          ratios: { handlerToBareNode: 6.25, handlerToSdkFloor: 1.25 },
          meetsGoals: { bundle: true, coldStart: false },
        },
      ],
    };

    // Act
    const [header, , row] = resultsTable(results).split("\n");

    // Assess
    expect(header?.split(/\s{2,}/)).toEqual([
      "package",
      "raw KB",
      "gzip KB",
      "handler ms",
      "import ms",
      "invoke ms",
      "node ms",
      "sdk ms",
      "×node",
      "×sdk",
      "size",
      "start",
    ]);
    expect(row?.trim().split(/\s+/)).toEqual([
      "@orderflow/api",
      "39.7",
      "13.0",
      "250",
      "180",
      "45",
      "40",
      "200",
      "6.25",
      "1.25",
      "ok",
      "MISS",
    ]);
  });
});
