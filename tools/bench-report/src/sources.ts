import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { ColdStartResults, coldStartMeasures } from "./cold-start";
import { GrowthResults, growthMeasures } from "./growth";
import { LocalEngineResults, localEngineMeasures } from "./local-engine";
import type { Measure } from "./measure";

/** A result file `pnpm bench` writes, and the measures the table takes from it. */
interface BenchSource<T> {
  /** Relative to the workspace root. */
  readonly file: string;
  readonly schema: v.GenericSchema<unknown, T>;
  readonly measures: (results: T) => Measure[];
}

const source = <T>(s: BenchSource<T>): BenchSource<unknown> => s as BenchSource<unknown>;

/** Every result file behind the table, in the order their rows appear. */
export const BENCH_SOURCES: readonly BenchSource<unknown>[] = [
  source({
    file: "packages/cli/bench/results.json",
    schema: LocalEngineResults,
    measures: localEngineMeasures,
  }),
  source({
    file: "tools/lambda-bench/bench/results.json",
    schema: ColdStartResults,
    measures: coldStartMeasures,
  }),
  source({
    file: "infra/bench/growth.json",
    schema: GrowthResults,
    measures: growthMeasures,
  }),
];

const Stamp = v.object({ generatedAt: v.string() });

export interface BenchReport {
  readonly measures: readonly Measure[];
  /** Each file and when its numbers were measured. */
  readonly files: readonly { readonly file: string; readonly generatedAt: string }[];
}

async function readResultFile(url: URL, file: string): Promise<string> {
  try {
    return await readFile(url, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(`${file} is missing; run pnpm bench`);
    throw error;
  }
}

/** Reads every result file under `root`; a missing file or field is an error naming the file and the field. */
export async function readBenchReport(root: URL, sources = BENCH_SOURCES): Promise<BenchReport> {
  const read = await Promise.all(
    sources.map(async ({ file, schema, measures }) => {
      const json: unknown = JSON.parse(await readResultFile(new URL(file, root), file));
      const parsed = v.safeParse(v.intersect([Stamp, schema]), json);
      if (!parsed.success) {
        const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ");
        throw new Error(`${file} is not a bench result this table can read (${issues}); run pnpm bench`);
      }
      return { file, generatedAt: parsed.output.generatedAt, measures: measures(parsed.output) };
    }),
  );
  return {
    measures: read.flatMap((r) => r.measures),
    files: read.map(({ file, generatedAt }) => ({ file, generatedAt })),
  };
}
