import fc from "fast-check";
import type { SynthResource } from "../src";

const TYPES = [
  "aws:lambda/function:Function",
  "aws:iam/role:Role",
  "aws:dynamodb/table:Table",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
];

/** A small resource whose identity (parent, type, name) is drawn from few values, so lists overlap. */
export const resource: fc.Arbitrary<SynthResource> = fc.record({
  type: fc.constantFrom(...TYPES),
  name: fc.constantFrom("orders", "inventory", "payments", "validate-order", "charge-payment"),
  parent: fc.constantFrom(null, "orders"),
  inputs: fc.dictionary(
    fc.constantFrom("memorySize", "timeout", "runtime", "tags", "policy"),
    fc.oneof(
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom("a", "b"),
      fc.array(fc.nat(3), { maxLength: 2 }),
    ),
  ),
});

/** Resources with distinct identities, as a synth holds them. */
export const resources: fc.Arbitrary<SynthResource[]> = fc.uniqueArray(resource, {
  maxLength: 12,
  selector: (r) => `${r.parent}|${r.type}|${r.name}`,
});

export function identity(r: { parent?: string | null | undefined; type: string; name: string }): string {
  return `${r.parent ?? ""}|${r.type}|${r.name}`;
}

/** The same JSON value with object keys in reverse order at every level. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  ) as T;
}
