/**
 * `bench/fixture.json` of a Lambda package: the event the benchmark invokes its handler with, and the items
 * to put into the tables first so that the invocation succeeds. One definition, used by the benchmark and
 * by each package's test that its fixture still works.
 */
import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describeIssues, formatIssues, TABLE_NAMES, type TableName } from "@orderflow/domain";
import * as v from "valibot";
import type { TableNames } from "./tables";

/** Replaced, wherever it occurs in a fixture, by an order id unique to one invocation. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the fixtures' placeholder is this literal text.
export const ORDER_ID_PLACEHOLDER = "${ORDER_ID}";

/** The event a handler is invoked with, and the items per logical table to put before each invocation. */
export const Fixture = v.strictObject({
  event: v.unknown(),
  seed: v.optional(v.record(v.picklist(TABLE_NAMES), v.array(v.record(v.string(), v.unknown()))), {}),
});
export type Fixture = v.InferOutput<typeof Fixture>;

/** Items to put, by logical table name. */
export type FixtureSeed = Fixture["seed"];

/** Parses a fixture file's JSON, naming the file and every problem when it does not fit. */
export function parseFixture(json: unknown, file: string): Fixture {
  const result = v.safeParse(Fixture, json);
  if (result.success) return result.output;
  const problems = formatIssues(describeIssues(result.issues));
  throw new Error(`${file} is not a bench fixture ({ event, seed? }): ${problems}`);
}

/** The value with every occurrence of {@link ORDER_ID_PLACEHOLDER} in strings and keys replaced by `orderId`. */
export function withOrderId<T>(value: T, orderId: string): T {
  const replace = (text: string) => text.replaceAll(ORDER_ID_PLACEHOLDER, orderId);
  const visit = (node: unknown): unknown => {
    if (typeof node === "string") return replace(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [replace(key), visit(child)]));
    }
    return node;
  };
  return visit(value) as T;
}

/** Puts every item of `seed` into the physical table `tableNames` gives for its logical table. */
export async function seedFixture(
  documents: DynamoDBDocumentClient,
  tableNames: TableNames,
  seed: FixtureSeed,
): Promise<void> {
  for (const [table, items] of Object.entries(seed) as [TableName, FixtureSeed[TableName]][]) {
    for (const Item of items ?? []) {
      await documents.send(new PutCommand({ TableName: tableNames[table], Item: { ...Item } }));
    }
  }
}
