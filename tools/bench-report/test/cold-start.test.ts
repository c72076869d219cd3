import { describe, expect, it } from "vitest";
import type { ColdStartResults } from "../src/cold-start";
import { fixture, tableOf } from "./bench-files";

const FILE = "tools/lambda-bench/bench/results.json";
const results = () => fixture<ColdStartResults>(FILE);

describe("the Lambda rows", () => {
  it("hold each package's cold start to its own SDK floor of the same run", async () => {
    // Prepare: 220 / 200 ms and 208 / 160 ms
    const json = await results();

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain(
      "| cold start | @orderflow/api, handler, median | 220 ms | 200 ms SDK only, same calls | 1.1× | ≤ 1.25× floor: met |",
    );
    expect(table).toContain(
      "| cold start | @orderflow/task-charge-payment, handler, median | 208 ms | 160 ms SDK only, same calls | 1.3× | ≤ 1.25× floor: **missed** |",
    );
  });

  it("take the goals from the file the bench wrote", async () => {
    // Prepare
    const json = await results();
    json.goals.maxColdStartToSdkFloor = 1.3;

    // Act
    const table = await tableOf(FILE, json);

    // Assess
    expect(table).toContain("| 208 ms | 160 ms SDK only, same calls | 1.3× | ≤ 1.3× floor: met |");
  });

  it("give one bundle row: the largest bundle, and how many are over the goal", async () => {
    // Prepare
    const under = await results();
    const over = await results();
    const [, chargePayment] = over.packages;
    if (chargePayment) chargePayment.bundle.rawBytes = 45_000;

    // Act
    const [underTable, overTable] = [await tableOf(FILE, under), await tableOf(FILE, over)];

    // Assess
    expect(underTable).toContain(
      "| bundle | largest of 2 Lambda bundles, minified | 38,000 B (@orderflow/api; 0 of 2 over) | — | — | ≤ 40,960 B: met |",
    );
    expect(overTable).toContain(
      "| 45,000 B (@orderflow/task-charge-payment; 1 of 2 over) | — | — | ≤ 40,960 B: **missed** |",
    );
  });

  it("refuse a run that measured no package", async () => {
    // Prepare
    const json = { ...(await results()), packages: [] };

    // Act
    const reading = tableOf(FILE, json);

    // Assess
    await expect(reading).rejects.toThrow(/packages: the bench measured no package/);
  });
});
