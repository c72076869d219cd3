import * as v from "valibot";
import { atLeast, atMost, type Measure, round2 } from "./measure";

/** The parts of `packages/cli/bench/results.json` the table reads. */
export const LocalEngineResults = v.object({
  dynamoDbLocal: v.object({ requestsPerOrder: v.number(), roundTripMs: v.number() }),
  sequential: v.object({ p50Ms: v.number(), ordersPerSecond: v.number() }),
  concurrent: v.object({ concurrency: v.number(), ordersPerSecond: v.number() }),
  paths: v.array(v.object({ path: v.string(), transitions: v.number(), standardUsd: v.number() })),
});
export type LocalEngineResults = v.InferOutput<typeof LocalEngineResults>;

/**
 * The local engine against DynamoDB Local: per-order latency against the floor of its own requests, and
 * what running orders side by side gains; then each path's billed transitions and what they cost.
 */
export function localEngineMeasures(results: LocalEngineResults): Measure[] {
  const { dynamoDbLocal, sequential, concurrent } = results;
  const floorMs = dynamoDbLocal.requestsPerOrder * dynamoDbLocal.roundTripMs;
  const area = "local engine";
  const happy = results.paths.find((p) => p.path === "success");
  if (!happy) throw new Error('the results list no path named "success"; run the bench again');
  return [
    {
      area,
      what: "happy order, p50, one at a time",
      result: `${round2(sequential.p50Ms)} ms`,
      floor: `${round2(floorMs)} ms (${dynamoDbLocal.requestsPerOrder} requests × ${round2(dynamoDbLocal.roundTripMs)} ms)`,
      score: round2(sequential.p50Ms / floorMs),
      goal: atMost(1.5, "≤ 1.5× floor"),
    },
    {
      area,
      what: `throughput, ${concurrent.concurrency} in flight`,
      result: `${round2(concurrent.ordersPerSecond)} orders/s`,
      floor: `${round2(sequential.ordersPerSecond)} orders/s one at a time`,
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
