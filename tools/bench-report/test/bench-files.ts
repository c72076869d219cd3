/** Test helpers: the fixture result files, and a scratch workspace root holding chosen result files. */
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { renderTable } from "../src/render";
import { BENCH_SOURCES, readBenchReport } from "../src/sources";

/** Each bench result file, by where the bench writes it, and its fixture in the format the bench writes. */
export const FIXTURES = {
  "packages/cli/bench/results.json": "local-engine-results.json",
  "tools/lambda-bench/bench/results.json": "lambda-bench-results.json",
  "infra/bench/growth.json": "growth.json",
} as const;
export type BenchFile = keyof typeof FIXTURES;

/** A fresh copy of `file`'s fixture, to change before writing it. */
export async function fixture<T>(file: BenchFile): Promise<T> {
  return JSON.parse(await readFile(new URL(`fixtures/${FIXTURES[file]}`, import.meta.url), "utf8")) as T;
}

/** A scratch workspace root holding `files`, each written as JSON at its path. */
export async function rootWith(files: Partial<Record<BenchFile, unknown>>): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), "bench-report-"));
  for (const [file, json] of Object.entries(files)) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(json));
  }
  return pathToFileURL(`${dir}/`);
}

/** The table rows one result file renders, read through its source as `pnpm bench` reads it. */
export async function tableOf(file: BenchFile, json: unknown): Promise<string> {
  const sources = BENCH_SOURCES.filter((s) => s.file === file);
  return renderTable((await readBenchReport(await rootWith({ [file]: json }), sources)).measures);
}
