import { TABLE_NAMES } from "@orderflow/domain";
import * as v from "valibot";

/** Replaced, wherever it occurs in a fixture, by an order id unique to one process. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the fixtures' placeholder is this literal text.
export const ORDER_ID_PLACEHOLDER = "${ORDER_ID}";

/**
 * `bench/fixture.json` of a Lambda package: the event its handler is invoked with once per process, and the
 * items to put into the tables (by logical name) before each invocation so that it succeeds.
 */
export const Fixture = v.strictObject({
  event: v.unknown(),
  seed: v.optional(v.record(v.picklist(TABLE_NAMES), v.array(v.record(v.string(), v.unknown()))), {}),
});
export type Fixture = v.InferOutput<typeof Fixture>;

/** Parses a fixture file's JSON, naming the file and every problem when it does not fit. */
export function parseFixture(json: unknown, file: string): Fixture {
  const result = v.safeParse(Fixture, json);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`);
  throw new Error(`${file} is not a bench fixture ({ event, seed? }): ${problems.join("; ")}`);
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
