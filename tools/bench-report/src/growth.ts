import * as v from "valibot";
import { atMost, type Measure, round2 } from "./measure";

const StackTimes = v.object({ programEvalCpuS: v.number(), synthS: v.number(), policyPackS: v.number() });
type StackTimes = v.InferOutput<typeof StackTimes>;

/** The parts of `infra/bench/growth.json` the table reads. */
export const GrowthResults = v.object({
  goalSecondsPerStack: v.number(),
  /** The machine's 1, 5 and 15 minute load averages when the bench ran. */
  loadAverage: v.tuple([v.number(), v.number(), v.number()]),
  sizes: v.pipe(
    v.array(v.object({ tasks: v.number(), stacks: v.record(v.string(), StackTimes) })),
    v.minLength(3, "growth needs three workflow sizes: two intervals to compare"),
  ),
});
export type GrowthResults = v.InferOutput<typeof GrowthResults>;
type Size = GrowthResults["sizes"][number];

/**
 * The growth bench's own bound (growth-bench.ts): from the middle to the largest workflow, the CPU per
 * added task may be at most this multiple of that from the smallest to the middle.
 */
const LINEAR_SLOPE_RATIO = 1.5;

const FILE = "infra/bench/growth.json";
const seconds = (s: number) => `${s.toFixed(2)} s`;
const perTask = (s: number) => `${(s * 1000).toFixed(1)} ms CPU per added task`;

function times(size: Size, stack: string): StackTimes {
  const t = size.stacks[stack];
  if (!t) throw new Error(`${FILE} has no ${stack} stack at ${size.tasks} tasks; run the growth bench again`);
  return t;
}

/**
 * A stack's time against the per-stack goal: the program's CPU seconds, then the policy pack over its
 * resources (the file times the pack in wall seconds only; it takes hundredths of a second).
 */
const cost = (t: StackTimes) => t.programEvalCpuS + t.policyPackS;

/** The program's CPU seconds per task added between two sizes, in one stack. */
const cpuPerTask = (from: Size, to: Size, stack: string) =>
  (times(to, stack).programEvalCpuS - times(from, stack).programEvalCpuS) / (to.tasks - from.tasks);

/**
 * How infra grows with the workflow, judged on CPU time as the growth bench judges it: CPU is what the
 * work costs on a shared machine, where wall time follows the load. First the largest workflow's slowest
 * stack against the per-stack goal; then linearity, the CPU per added task of the later interval against
 * the earlier, in the stack where it grew most.
 */
export function growthMeasures(results: GrowthResults): Measure[] {
  const sizes = [...results.sizes].sort((a, b) => a.tasks - b.tasks);
  // The schema holds at least three sizes.
  const [first, middle, last] = [sizes[0], sizes.at(-2), sizes.at(-1)] as [Size, Size, Size];
  const stacks = Object.keys(last.stacks).map((stack) => {
    const early = cpuPerTask(first, middle, stack);
    if (!(early > 0))
      throw new Error(
        `${FILE}: the ${stack} program's CPU time did not grow from ${first.tasks} to ${middle.tasks} tasks; run the growth bench again`,
      );
    return { stack, t: times(last, stack), early, late: cpuPerTask(middle, last, stack) };
  });
  const slowest = stacks.reduce((a, b) => (cost(b.t) > cost(a.t) ? b : a));
  const steepest = stacks.reduce((a, b) => (b.late / b.early > a.late / a.early ? b : a));
  const goal = results.goalSecondsPerStack;
  const area = "infra growth";
  return [
    {
      area,
      what: `${last.tasks} tasks, slowest stack (${slowest.stack}): program CPU + policy pack`,
      result: `${seconds(cost(slowest.t))} (synth ${seconds(slowest.t.synthS)} wall at load average ${results.loadAverage[0]})`,
      score: round2(cost(slowest.t)),
      goal: atMost(goal, `≤ ${goal} s per stack, on CPU`),
    },
    {
      area,
      what: `linearity, ${first.tasks} → ${middle.tasks} → ${last.tasks} tasks, steepest stack (${steepest.stack})`,
      result: `${perTask(steepest.late)}, ${middle.tasks} → ${last.tasks}`,
      floor: `${perTask(steepest.early)}, ${first.tasks} → ${middle.tasks}`,
      score: round2(steepest.late / steepest.early),
      goal: atMost(LINEAR_SLOPE_RATIO, `≤ ${LINEAR_SLOPE_RATIO}× (linear)`),
    },
  ];
}
