import { describe, expect, it } from "vitest";
import type { LocalEngineResults } from "../src/local-engine";
import { fixture, tableOf } from "./bench-files";

const FILE = "packages/cli/bench/results.json";
const results = () => fixture<LocalEngineResults>(FILE);

describe("the local engine's rows", () => {
  it("hold the p50 to the order's own requests on the wire, not to GetItem round trips", async () => {
    // Prepare: 25 ms against the 20 ms on the wire is 1.25×; against the 16 ms GetItem floor it would miss
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| local engine | happy order, p50, one at a time | 25 ms | 20 ms on the wire, 16 requests | 1.25× | ≤ 1.5× floor: met |",
    );
  });

  it("state the CPU-bound ceiling next to the throughput one at a time", async () => {
    // Prepare
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| throughput, 16 in flight | 80 orders/s | 40 orders/s one at a time; CPU-bound ceiling at 16 in flight 80 orders/s (2×) | 2× | ≥ 3× one at a time: **missed** |",
    );
  });

  it("leave the ceiling out where the bench could not read the JVM's CPU", async () => {
    // Prepare
    const { cpuBound: _, ...json } = await results();
    const { ceiling: __, ...concurrentOverSequential } = json.goals.concurrentOverSequential;

    // Act
    const table = await tableOf(FILE, { ...json, goals: { ...json.goals, concurrentOverSequential } });

    // Assess
    expect(table).toContain("| 80 orders/s | 40 orders/s one at a time | 2× |");
  });

  it("mark the latency goal missed when the p50 is over 1.5× the floor", async () => {
    // Prepare
    const json = await results();
    json.sequential.p50Ms = 31;

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain("| 31 ms | 20 ms on the wire, 16 requests | 1.55× | ≤ 1.5× floor: **missed** |");
  });

  it("give the happy path's billed transitions and their price", async () => {
    // Prepare
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| workflow | billed transitions, happy order | 5 ($125 per 1M orders on Standard) | — | — | ≤ 6: met |",
    );
  });

  it("refuse the format before the wire floor, naming the missing field", async () => {
    // Prepare: what the bench wrote before floorMs
    const json = await results();
    const { floorMs: _, ...dynamoDbLocal } = json.dynamoDbLocal;
    const old = { ...json, dynamoDbLocal };

    // Act
    const reading = tableOf(FILE, old);

    // Assess
    await expect(reading).rejects.toThrow(/packages\/cli\/bench\/results\.json .*dynamoDbLocal\.floorMs/);
  });
});
