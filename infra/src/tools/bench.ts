/**
 * `pnpm bench`: how long the program takes to evaluate under mocks, per stack. The first run in the
 * process also loads @pulumi/aws and the program (cold); the median is over the warm runs after it.
 * Writes `bench/program-eval.json` and prints a table.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readStackFileWithSamples, STACKS } from "../synth/stack-file";
import { synthesize } from "../synth/synthesize";
import { benchJson } from "./bench-json";

const RUNS = 7;
const GOAL_MS = 2000;
const infraDir = fileURLToPath(new URL("../..", import.meta.url));

interface StackTiming {
  readonly coldMs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runsMs: readonly number[];
  readonly resources: number;
}

async function timeOnce(stack: string): Promise<{ ms: number; resources: number }> {
  const input = readStackFileWithSamples(infraDir, stack);
  const start = performance.now();
  const { document } = await synthesize(input);
  return { ms: performance.now() - start, resources: document.resources.length };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const stacks: Record<string, StackTiming> = {};
  for (const stack of STACKS) {
    const cold = await timeOnce(stack);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push((await timeOnce(stack)).ms);
    stacks[stack] = {
      coldMs: round(cold.ms),
      medianMs: round(median(runs)),
      minMs: round(Math.min(...runs)),
      maxMs: round(Math.max(...runs)),
      runsMs: runs.map(round),
      resources: cold.resources,
    };
  }
  const result = {
    benchmark: "Pulumi program evaluation under mocks (program + all registrations + synth normalisation)",
    node: process.version,
    cpus: (await import("node:os")).cpus().length,
    runsPerStack: RUNS,
    goalMs: GOAL_MS,
    stacks,
  };
  mkdirSync(join(infraDir, "bench"), { recursive: true });
  writeFileSync(join(infraDir, "bench", "program-eval.json"), benchJson(result));

  console.log("stack     resources   cold ms   median ms   min ms   max ms   goal");
  for (const [stack, t] of Object.entries(stacks)) {
    console.log(
      `${stack.padEnd(9)} ${String(t.resources).padStart(9)} ${String(t.coldMs).padStart(9)} ${String(t.medianMs).padStart(11)} ` +
        `${String(t.minMs).padStart(8)} ${String(t.maxMs).padStart(8)}   ${t.medianMs <= GOAL_MS ? "ok" : "OVER"}`,
    );
  }
}

await main();
