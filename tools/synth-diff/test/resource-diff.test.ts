import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffResources, type SynthResource } from "../src";
import { identity, resources, reverseKeys } from "./arbitraries";

const fn = (
  name: string,
  inputs: Record<string, unknown>,
  parent: string | null = "orders",
): SynthResource => ({
  type: "aws:lambda/function:Function",
  name,
  parent,
  inputs,
});

describe("diffResources", () => {
  it("reports added, removed and changed resources with the inputs that changed", () => {
    // Prepare
    const base = [fn("validate-order", { memorySize: 256, timeout: 5 }), fn("old-task", {})];
    const head = [fn("validate-order", { memorySize: 512, timeout: 5 }), fn("gift-wrap", {})];

    // Act
    const diff = diffResources(base, head);

    // Assess
    expect(diff.added).toEqual([
      { type: "aws:lambda/function:Function", name: "gift-wrap", parent: "orders" },
    ]);
    expect(diff.removed).toEqual([
      { type: "aws:lambda/function:Function", name: "old-task", parent: "orders" },
    ]);
    expect(diff.changed).toEqual([
      {
        type: "aws:lambda/function:Function",
        name: "validate-order",
        parent: "orders",
        fields: [{ field: "memorySize", before: "256", after: "512" }],
      },
    ]);
  });

  it("treats a resource that moved to another parent as replaced, as its Pulumi URN changes", () => {
    // Prepare
    const base = [fn("validate-order", {}, "orders")];
    const head = [fn("validate-order", {}, "tasks")];

    // Act
    const diff = diffResources(base, head);

    // Assess
    expect(diff.removed.map((r) => r.parent)).toEqual(["orders"]);
    expect(diff.added.map((r) => r.parent)).toEqual(["tasks"]);
    expect(diff.changed).toEqual([]);
  });

  it("names a changed non-scalar input without printing its value", () => {
    // Prepare
    const base = [fn("a", { environment: { variables: { TABLE: "t1" } } })];
    const head = [fn("a", { environment: { variables: { TABLE: "t2" } } })];

    // Act
    const [changed] = diffResources(base, head).changed;

    // Assess
    expect(changed?.fields).toEqual([{ field: "environment" }]);
  });

  it("finds nothing between a synth and itself with every key order reversed", () => {
    fc.assert(
      fc.property(resources, (list) => {
        const diff = diffResources(list, reverseKeys([...list].reverse()));
        expect(diff).toEqual({ added: [], changed: [], removed: [] });
      }),
    );
  });

  it("adds exactly the identities only in head and removes exactly those only in base", () => {
    fc.assert(
      fc.property(resources, resources, (base, head) => {
        const diff = diffResources(base, head);
        const baseIds = new Set(base.map(identity));
        const headIds = new Set(head.map(identity));
        expect(diff.added.map(identity).sort()).toEqual([...headIds].filter((id) => !baseIds.has(id)).sort());
        expect(diff.removed.map(identity).sort()).toEqual(
          [...baseIds].filter((id) => !headIds.has(id)).sort(),
        );
        for (const changed of diff.changed) {
          expect(baseIds.has(identity(changed)) && headIds.has(identity(changed))).toBe(true);
          expect(changed.fields.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("is symmetric: swapping sides swaps added and removed and keeps the changed set", () => {
    fc.assert(
      fc.property(resources, resources, (base, head) => {
        const forward = diffResources(base, head);
        const backward = diffResources(head, base);
        expect(backward.added).toEqual(forward.removed);
        expect(backward.removed).toEqual(forward.added);
        expect(backward.changed.map(identity)).toEqual(forward.changed.map(identity));
      }),
    );
  });
});
