import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, fingerprint } from "../src/canonical-json";

/** The same value with the keys of every object in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe("canonicalJson", () => {
  it("serialises a value so that it parses back to an equal value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("does not depend on the order of keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it("lists keys sorted at every level", () => {
    // Act
    const text = canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: null } });

    // Assess
    expect(text).toBe('{"a":{"c":null,"d":[{"e":2,"f":1}]},"b":1}');
  });
});

describe("fingerprint", () => {
  it("is the same for the same content and differs when any value differs", () => {
    const record = fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 });
    fc.assert(
      fc.property(record, fc.jsonValue(), (value, other) => {
        const [key, original] = Object.entries(value)[0] as [string, unknown];
        fc.pre(canonicalJson(original) !== canonicalJson(other));
        expect(fingerprint(reverseKeys(value))).toBe(fingerprint(value));
        expect(fingerprint({ ...value, [key]: other })).not.toBe(fingerprint(value));
      }),
    );
  });
});
