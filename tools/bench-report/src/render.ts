import { goalMet, type Measure } from "./measure";
import type { BenchReport } from "./sources";

/** The performance table in Markdown: one row per measure, its floor and whether it meets its goal. */
export function renderTable(measures: readonly Measure[]): string {
  const rows = measures.map((m) => [
    m.area,
    m.what,
    m.result,
    m.floor ?? "—",
    m.floor ? `${m.score}×` : "—",
    `${m.goal.label}: ${goalMet(m) ? "met" : "**missed**"}`,
  ]);
  const header = ["area", "measure", "result", "floor (same run)", "ratio", "goal"];
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** The README block: the table, then where its numbers come from and when they were measured. */
export function performanceBlock(report: BenchReport): string {
  const files = report.files.map((f) => `\`${f.file}\` (${f.generatedAt.slice(0, 10)})`).join(", ");
  return `${renderTable(report.measures)}\n\nFrom ${files}.`;
}
