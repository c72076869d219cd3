import * as v from "valibot";
import { atMost, type Measure, round2 } from "./measure";

const StackTimes = v.object({ programEvalCpuS: v.number(), synthS: v.number(), policyPackS: v.number() });
type StackTimes = v.InferOutput<typeof StackTimes>;

/** The growth bench's own linearity check of one metric in one stack. */
const Linearity = v.object({
  perTaskS: v.object({ early: v.number(), late: v.number() }),
  slopeRatio: v.number(),
  linear: v.boolean(),
});

/** The parts of `infra/bench/growth.json` the table reads. */
export const GrowthResults = v.object({
  goalSecondsPerStack: v.number(),
  /** The machine's 1, 5 and 15 minute load averages when the bench ran. */
  loadAverage: v.tuple([v.number(), v.number(), v.number()]),
  sizes: v.pipe(
    v.array(v.object({ tasks: v.number(), stacks: v.record(v.string(), StackTimes) })),
    v.minLength(3, "growth needs three workflow sizes: two intervals to compare"),
  ),
  /** Per stack, the bench's verdict on the program's CPU time (`perTaskS` keys are the intervals). */
  linearity: v.record(
    v.string(),
    v.object({
      programEvalCpuS: v.pipe(
        v.object({ perTaskS: v.record(v.string(), v.number()), slopeRatio: v.number(), linear: v.boolean() }),
        v.transform((l) => {
          const [early = Number.NaN, late = Number.NaN] = Object.values(l.perTaskS);
          return { perTaskS: { early, late }, slopeRatio: l.slopeRatio, linear: l.linear };
        }),
        Linearity,
      ),
    }),
  ),
});
export type GrowthResults = v.InferOutput<typeof GrowthResults>;
/** The file as the growth bench writes it. */
export type GrowthFile = v.InferInput<typeof GrowthResults>;
type Size = GrowthResults["sizes"][number];

/** The growth bench's bound on the slope ratio; it also counts a growth under a tenth of a second as noise. */
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

/**
 * How infra grows with the workflow, on CPU time: CPU is what the work costs on a shared machine, where
 * wall time follows the load (the growth bench's own console line judges the per-stack goal on wall time).
 * First the largest workflow's slowest stack against the per-stack goal; then linearity as the growth bench
 * judged it, in the stack where the CPU per added task grew most from one interval to the next.
 */
export function growthMeasures(results: GrowthResults): Measure[] {
  const sizes = [...results.sizes].sort((a, b) => a.tasks - b.tasks);
  // The schema holds at least three sizes.
  const [first, middle, last] = [sizes[0], sizes.at(-2), sizes.at(-1)] as [Size, Size, Size];
  const stacks = Object.keys(last.stacks).map((stack) => {
    const linearity = results.linearity[stack]?.programEvalCpuS;
    if (!linearity)
      throw new Error(`${FILE} has no linearity for the ${stack} stack; run the growth bench again`);
    return { stack, t: times(last, stack), linearity };
  });
  const slowest = stacks.reduce((a, b) => (cost(b.t) > cost(a.t) ? b : a));
  const steepest = stacks.reduce((a, b) => (b.linearity.slopeRatio > a.linearity.slopeRatio ? b : a));
  const { perTaskS, slopeRatio, linear } = steepest.linearity;
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
      result: `${perTask(perTaskS.late)}, ${middle.tasks} → ${last.tasks}`,
      floor: `${perTask(perTaskS.early)}, ${first.tasks} → ${middle.tasks}`,
      score: round2(slopeRatio),
      // The bench's verdict: it also forgives a ratio over the bound when the growth is under 0.1 s.
      goal: {
        ...atMost(LINEAR_SLOPE_RATIO, `≤ ${LINEAR_SLOPE_RATIO}× or growth under 0.1 s (linear)`),
        verdict: linear,
      },
    },
  ];
}
