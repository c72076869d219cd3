import * as v from "valibot";
import { atLeast, atMost, type Measure, round2 } from "./measure";

/** The parts of `packages/cli/bench/results.json` the table reads. */
export const LocalEngineResults = v.object({
  /** `floorMs`: the time one order's own requests were on the wire to DynamoDB Local. */
  dynamoDbLocal: v.object({ requestsPerOrder: v.number(), floorMs: v.number() }),
  /**
   * The orders per second the machine's cores allow at the CPU one order took on both sides in the
   * concurrent run; absent where the JVM's CPU could not be read.
   */
  cpuBound: v.optional(v.object({ ordersPerSecond: v.number() })),
  sequential: v.object({ p50Ms: v.number(), ordersPerSecond: v.number() }),
  concurrent: v.object({ concurrency: v.number(), ordersPerSecond: v.number() }),
  paths: v.array(v.object({ path: v.string(), transitions: v.number(), standardUsd: v.number() })),
  /** `ceiling`: the concurrency ratio the CPU-bound ceiling allows, cpuBound over sequential orders/s. */
  goals: v.object({ concurrentOverSequential: v.object({ ceiling: v.optional(v.number()) }) }),
});
export type LocalEngineResults = v.InferOutput<typeof LocalEngineResults>;

/**
 * The local engine against DynamoDB Local: per-order latency against the time its own requests were on
 * the wire, and what running orders side by side gains, next to the most the machine's CPU allows; then
 * each path's billed transitions and what they cost.
 */
export function localEngineMeasures(results: LocalEngineResults): Measure[] {
  const { dynamoDbLocal, sequential, concurrent, cpuBound, goals } = results;
  const { floorMs } = dynamoDbLocal;
  const area = "local engine";
  const happy = results.paths.find((p) => p.path === "success");
  if (!happy) throw new Error('the results list no path named "success"; run the bench again');
  return [
    {
      area,
      what: "happy order, p50, one at a time",
      result: `${round2(sequential.p50Ms)} ms`,
      floor: `${round2(floorMs)} ms on the wire, ${dynamoDbLocal.requestsPerOrder} requests`,
      score: round2(sequential.p50Ms / floorMs),
      goal: atMost(1.5, "≤ 1.5× floor"),
    },
    {
      area,
      what: `throughput, ${concurrent.concurrency} in flight`,
      result: `${round2(concurrent.ordersPerSecond)} orders/s`,
      floor: `${round2(sequential.ordersPerSecond)} orders/s one at a time${ceilingText(cpuBound?.ordersPerSecond, goals.concurrentOverSequential.ceiling, concurrent.concurrency)}`,
      score: round2(concurrent.ordersPerSecond / sequential.ordersPerSecond),
      goal: atLeast(3, "≥ 3× one at a time"),
    },
    {
      area: "workflow",
      what: "billed transitions, happy order",
      result: `${happy.transitions} ($${round2(happy.standardUsd)} per 1M orders on Standard)`,
      score: happy.transitions,
      goal: atMost(6, "≤ 6"),
    },
  ];
}

/** The CPU-bound ceiling, when the bench could read both sides' CPU. */
function ceilingText(
  ordersPerSecond: number | undefined,
  ratio: number | undefined,
  inFlight: number,
): string {
  if (ordersPerSecond === undefined || ratio === undefined) return "";
  return `; CPU-bound ceiling at ${inFlight} in flight ${round2(ordersPerSecond)} orders/s (${round2(ratio)}×)`;
}
