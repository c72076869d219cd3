import * as v from "valibot";
import { atMost, type Measure, round2 } from "./measure";

const Median = v.object({ median: v.number() });

/** The parts of `tools/lambda-bench/bench/results.json` the table reads. */
export const ColdStartResults = v.object({
  goals: v.object({ maxBundleBytes: v.number(), maxColdStartToSdkFloor: v.number() }),
  packages: v.pipe(
    v.array(
      v.object({
        name: v.string(),
        bundle: v.object({ rawBytes: v.number() }),
        coldStartMs: v.object({ handler: Median, sdkFloor: Median }),
      }),
    ),
    v.minLength(1, "the bench measured no package"),
  ),
});
export type ColdStartResults = v.InferOutput<typeof ColdStartResults>;

const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;

/**
 * Each Lambda package's cold start against its SDK floor (a process that imports the same SDK clients and
 * makes the same calls, measured in the same run), then the largest bundle: one row for all bundles keeps
 * the table short, and it names how many are over.
 */
export function coldStartMeasures(results: ColdStartResults): Measure[] {
  const { goals, packages } = results;
  const area = "cold start";
  const starts = packages.map(({ name, coldStartMs: { handler, sdkFloor } }) => ({
    area,
    what: `${name}, handler, median`,
    result: `${round2(handler.median)} ms`,
    floor: `${round2(sdkFloor.median)} ms SDK only, same calls`,
    score: round2(handler.median / sdkFloor.median),
    goal: atMost(goals.maxColdStartToSdkFloor, `≤ ${goals.maxColdStartToSdkFloor}× floor`),
  }));
  // The schema holds at least one package.
  const largest = packages.reduce((a, b) => (b.bundle.rawBytes > a.bundle.rawBytes ? b : a));
  const over = packages.filter((p) => p.bundle.rawBytes > goals.maxBundleBytes).length;
  return [
    ...starts,
    {
      area: "bundle",
      what: `largest of ${packages.length} Lambda bundles, minified`,
      result: `${bytes(largest.bundle.rawBytes)} (${largest.name}; ${over} of ${packages.length} over)`,
      score: largest.bundle.rawBytes,
      goal: atMost(goals.maxBundleBytes, `≤ ${bytes(goals.maxBundleBytes)}`),
    },
  ];
}
