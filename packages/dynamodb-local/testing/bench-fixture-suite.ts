/**
 * The test every Lambda package runs on its `bench/fixture.json`: the fixture parses, seeds only tables
 * the task declares, and its event, once the seed is in place, makes the real handler succeed with an
 * answer of the task's output contract. One suite, so the benchmark's input stays valid everywhere.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describeIssues, formatIssues, newOrderId, type TableName } from "@orderflow/domain";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { type Fixture, parseFixture, seedFixture, withOrderId } from "../src/bench-fixture";
import { type LocalTables, useLocalTables } from "../src/vitest";

export interface BenchFixtureSuiteOptions {
  /** The package's fixture, e.g. `new URL("../bench/fixture.json", import.meta.url)`. */
  readonly fixtureUrl: URL;
  /** The tables the task's manifest declares (`task.tables`): created for the test, the only ones the seed may fill. */
  readonly tables: Readonly<Partial<Record<TableName, unknown>>>;
  /** Imports the handler once the tables exist: handlers read their table names when they load. */
  readonly loadHandler: () => Promise<(event: unknown) => Promise<unknown>>;
  /** The task's output contract from @orderflow/domain; the answer must satisfy it. */
  readonly output: v.GenericSchema;
  /**
   * What the answer must contain (matched as a subset) beyond its shape: the order id at least, and the
   * outcome the fixture's seed leads to (`{ orderId, status: "HELD" }`).
   */
  readonly expected: (orderId: string, fixture: Fixture) => Record<string, unknown>;
}

/** Registers the `bench/fixture.json` suite of one package. */
export function benchFixtureSuite({
  fixtureUrl,
  tables,
  loadHandler,
  output,
  expected,
}: BenchFixtureSuiteOptions) {
  const file = fileURLToPath(fixtureUrl);
  let fixture: Fixture;
  let db: LocalTables;
  let handler: (event: unknown) => Promise<unknown>;

  beforeAll(async () => {
    fixture = parseFixture(JSON.parse(await readFile(file, "utf8")), file);
    db = await useLocalTables(Object.keys(tables) as TableName[]);
    handler = await loadHandler();
  });

  describe("bench/fixture.json", () => {
    it("seeds only tables the task declares", () => {
      // Act
      const undeclared = Object.keys(fixture.seed).filter((table) => !Object.hasOwn(tables, table));

      // Assess
      expect(undeclared).toEqual([]);
    });

    it("holds an event the handler answers with the task's output once its seed is in place", async () => {
      // Prepare
      const orderId = newOrderId();
      const filled = withOrderId(fixture, orderId);
      await seedFixture(DynamoDBDocumentClient.from(db.client), db.names, filled.seed);

      // Act
      const answer = await handler(filled.event);

      // Assess
      const parsed = v.safeParse(output, answer);
      expect(parsed.success ? "" : formatIssues(describeIssues(parsed.issues))).toBe("");
      expect(answer).toMatchObject(expected(orderId, filled));
    });
  });
}
