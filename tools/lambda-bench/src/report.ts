import type { SkippedPackage } from "./discover";
import type { ImportCost } from "./import-costs";
import type { CallKind } from "./sdk-floor";
import type { Summary } from "./stats";

/** The goals: bundles of at most 40 KB minified, cold starts within 1.25× the SDK-only floor. */
export const GOALS = { maxBundleBytes: 40 * 1024, maxColdStartToSdkFloor: 1.25 } as const;

export interface PackageResult {
  readonly name: string;
  readonly path: string;
  /**
   * What a cold start loads before the handler runs: `dist/handler.mjs` and the chunks it imports statically
   * (not those it imports lazily), each file's raw bytes and their sums, raw and gzip.
   */
  readonly bundle: {
    readonly rawBytes: number;
    readonly gzipBytes: number;
    readonly files: readonly { readonly path: string; readonly rawBytes: number }[];
  };
  /** The `@aws-sdk/*` modules the bundle imports; the SDK floor imports exactly these. */
  readonly sdkModules: readonly string[];
  /** The kinds of SDK call the handler made in its recorded run; the SDK floor makes one of each. */
  readonly floorCalls: readonly CallKind[];
  readonly coldStartMs: {
    /** Spawn to exit of a process that imports the bundle and invokes the handler once. */
    readonly handler: Summary;
    /** Inside that process: from its start until the bundle was imported (SDK, bundle, init code). */
    readonly handlerImport: Summary;
    /** Inside that process: the one invocation (first SDK calls, their round trips to the local services). */
    readonly handlerInvoke: Summary;
    readonly bareNode: Summary;
    readonly sdkFloor: Summary;
  };
  readonly ratios: { readonly handlerToBareNode: number; readonly handlerToSdkFloor: number };
  readonly meetsGoals: { readonly bundle: boolean; readonly coldStart: boolean };
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly environment: {
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly cpuModel: string;
  };
  readonly method: {
    readonly runsPerKind: number;
    readonly warmupRunsPerKind: number;
    readonly description: string;
  };
  readonly goals: typeof GOALS;
  readonly packages: readonly PackageResult[];
  /** Powertools' logger, valibot and the domain schemas, each bundled and loaded on its own. */
  readonly importCosts?: Readonly<Record<string, ImportCost>>;
  readonly skipped: readonly SkippedPackage[];
}

export type Align = "left" | "right";

/** A plain-text table: columns padded to their widest cell, two spaces apart, a rule under the header. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? "";
        return align[column] === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (value: number) => value.toFixed(0);
const mark = (ok: boolean) => (ok ? "ok" : "MISS");

/** The report table of a benchmark run, one row per package. */
export function resultsTable(results: BenchResults): string {
  const header = [
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
  ];
  const rows = results.packages.map((p) => [
    p.name,
    kb(p.bundle.rawBytes),
    kb(p.bundle.gzipBytes),
    ms(p.coldStartMs.handler.median),
    ms(p.coldStartMs.handlerImport.median),
    ms(p.coldStartMs.handlerInvoke.median),
    ms(p.coldStartMs.bareNode.median),
    ms(p.coldStartMs.sdkFloor.median),
    p.ratios.handlerToBareNode.toFixed(2),
    p.ratios.handlerToSdkFloor.toFixed(2),
    mark(p.meetsGoals.bundle),
    mark(p.meetsGoals.coldStart),
  ]);
  const align: Align[] = ["left", ...header.slice(1, -2).map((): Align => "right"), "left", "left"];
  return renderTable(header, rows, align);
}

/** The import-cost table: one row per probe, its bundle size, import and first-use medians after the SDK. */
export function importCostsTable(costs: Readonly<Record<string, ImportCost>>): string {
  const rows = Object.entries(costs).map(([name, c]) => [
    name,
    kb(c.bundleBytes),
    c.importMs.median.toFixed(1),
    c.firstUseMs.median.toFixed(1),
  ]);
  return renderTable(["after the SDK", "raw KB", "import ms", "first use ms"], rows, [
    "left",
    "right",
    "right",
    "right",
  ]);
}
