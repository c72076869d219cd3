/**
 * `pnpm bench` (with bench.ts): how infra grows with the workflow. In a scratch copy of the repository
 * the task generator adds steps until the workflow has 6, 25 and 50 tasks, each placed with its one line
 * after ReserveInventory and built; a fresh process then times, per stack, the program under mocks, the
 * synth and the policy pack (growth-probe.ts). Writes `bench/growth.json` and prints a table and a
 * linearity check: growth is linear when the cost per added task from 25 to 50 is about that from 6 to 25.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  copyWorkspace,
  generateTask,
  linkGeneratedTask,
  PLACEMENT_FILE,
  placeAfter,
} from "@orderflow/task-generator";
import { benchJson } from "./bench-json";

const SIZES = [6, 25, 50] as const;
const GOAL_SECONDS_PER_STACK = 5;
/** Above this, the cost per task grew between the two intervals: superlinear. */
const LINEAR_SLOPE_RATIO = 1.5;
/** A growth this small over 25 tasks is timer noise, whatever its ratio (the policy pack's milliseconds). */
const NOISE_SECONDS = 0.1;
const infraDir = fileURLToPath(new URL("../..", import.meta.url));
const repoRoot = join(infraDir, "..");

interface StackTimes {
  readonly resources: number;
  readonly programEvalS: number;
  readonly programEvalCpuS: number;
  readonly synthS: number;
  readonly policyPackS: number;
}
interface Probe {
  readonly tasks: number;
  readonly stacks: Record<string, StackTimes>;
}

function run(command: string, args: readonly string[], cwd: string, env = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${out}`)),
    );
  });
}

/** Generates, links and builds the task `name` in the copy, as `pnpm gen task` and the build would. */
async function addTask(copy: string, name: string): Promise<string> {
  const { names } = await generateTask({ root: copy, name, team: "@orderflow/growth-team" });
  await linkGeneratedTask(copy, names.dir, names.packageName);
  const pkg = join(copy, names.dir);
  const { scripts } = JSON.parse(await readFile(join(pkg, "package.json"), "utf8")) as {
    scripts: { build: string };
  };
  const bin = [join(pkg, "node_modules/.bin"), join(copy, "node_modules/.bin"), process.env.PATH].join(
    delimiter,
  );
  await run("sh", ["-c", scripts.build], pkg, { ...process.env, PATH: bin });
  return names.pascalName;
}

async function probe(copy: string): Promise<Probe> {
  const tsx = join(copy, "node_modules/.bin/tsx");
  const out = await run(tsx, ["src/tools/growth-probe.ts"], join(copy, "infra"));
  return JSON.parse(out.trim().split("\n").at(-1) ?? "") as Probe;
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** Cost per added task in each interval, and their ratio (≈ 1 when growth is linear). */
function linearity(points: readonly { tasks: number; seconds: number }[]) {
  const [a, b, c] = points as [(typeof points)[0], (typeof points)[0], (typeof points)[0]];
  const early = (b.seconds - a.seconds) / (b.tasks - a.tasks);
  const late = (c.seconds - b.seconds) / (c.tasks - b.tasks);
  return {
    perTaskS: { [`${a.tasks}-${b.tasks}`]: round(early), [`${b.tasks}-${c.tasks}`]: round(late) },
    slopeRatio: round(late / early),
    ratio: {
      [`${c.tasks}/${b.tasks}`]: round(c.seconds / b.seconds),
      [`${b.tasks}/${a.tasks}`]: round(b.seconds / a.seconds),
    },
    linear: late / early <= LINEAR_SLOPE_RATIO || c.seconds - b.seconds < NOISE_SECONDS,
  };
}

async function main(): Promise<void> {
  const copy = await mkdtemp(join(tmpdir(), "orderflow-growth-"));
  const results: Probe[] = [];
  try {
    await copyWorkspace(repoRoot, copy);
    const tasksTs = await readFile(join(copy, PLACEMENT_FILE), "utf8");
    const placed: string[] = [];
    for (const size of SIZES) {
      while (6 + placed.length < size) placed.push(await addTask(copy, `growth-step-${placed.length + 1}`));
      await writeFile(join(copy, PLACEMENT_FILE), placeAfter(tasksTs, "ReserveInventory", placed));
      const measured = await probe(copy);
      if (measured.tasks !== size) throw new Error(`the workflow has ${measured.tasks} tasks, not ${size}`);
      results.push(measured);
      console.log(`measured ${size} tasks`);
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
  const stacks = Object.keys(results[0]?.stacks ?? {});
  const checks = Object.fromEntries(
    stacks.map((stack) => [
      stack,
      Object.fromEntries(
        (["programEvalS", "programEvalCpuS", "synthS", "policyPackS"] as const).map((metric) => [
          metric,
          linearity(results.map((r) => ({ tasks: r.tasks, seconds: r.stacks[stack]?.[metric] ?? 0 }))),
        ]),
      ),
    ]),
  );
  const result = {
    benchmark:
      "Growth with the workflow: per stack, the program under Pulumi mocks (wall and CPU seconds; CPU is what the work costs on a shared machine), the synth (program + synth text) and the policy pack, median of 3 warm runs, in seconds",
    loadAverage: loadavg().map(round),
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGb: round(totalmem() / 2 ** 30),
      freeMemoryGb: round(freemem() / 2 ** 30),
    },
    goalSecondsPerStack: GOAL_SECONDS_PER_STACK,
    sizes: results.map((r) => ({
      tasks: r.tasks,
      stacks: Object.fromEntries(
        Object.entries(r.stacks).map(([stack, t]) => [
          stack,
          {
            resources: t.resources,
            programEvalS: round(t.programEvalS),
            programEvalCpuS: round(t.programEvalCpuS),
            synthS: round(t.synthS),
            policyPackS: round(t.policyPackS),
          },
        ]),
      ),
    })),
    linearity: checks,
  };
  mkdirSync(join(infraDir, "bench"), { recursive: true });
  writeFileSync(join(infraDir, "bench", "growth.json"), benchJson(result));

  console.log("tasks stack     resources  eval s  eval cpu s  synth s  policy s  goal");
  for (const size of result.sizes) {
    for (const [stack, t] of Object.entries(size.stacks)) {
      const total = t.synthS + t.policyPackS;
      console.log(
        `${String(size.tasks).padStart(5)} ${stack.padEnd(9)} ${String(t.resources).padStart(9)} ${t.programEvalS.toFixed(3).padStart(7)} ${t.programEvalCpuS.toFixed(3).padStart(11)} ` +
          `${t.synthS.toFixed(3).padStart(8)} ${t.policyPackS.toFixed(3).padStart(9)}  ${total <= GOAL_SECONDS_PER_STACK ? "ok" : "OVER"}`,
      );
    }
  }
  // Wall time on a shared machine follows its load; the verdict reads CPU time, what the work costs.
  const superlinear = Object.entries(checks).filter(([, m]) => !m.programEvalCpuS?.linear);
  console.log(
    superlinear.length === 0
      ? "verdict (program CPU time): linear in every stack"
      : `verdict (program CPU time): SUPERLINEAR in ${superlinear.map(([stack]) => stack).join(", ")}`,
  );
  for (const [stack, metrics] of Object.entries(checks)) {
    for (const [metric, l] of Object.entries(metrics)) {
      console.log(
        `${stack.padEnd(8)} ${metric.padEnd(13)} per task ${JSON.stringify(l.perTaskS)} slope ratio ${l.slopeRatio} ratios ${JSON.stringify(l.ratio)} ${l.linear ? "linear" : "SUPERLINEAR"}`,
      );
    }
  }
}

await main();
