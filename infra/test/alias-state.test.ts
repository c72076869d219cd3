/** The rollout phases of the live alias, which the program and `orderflow rollout` both compute. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AliasState,
  aborted,
  aliasDescription,
  aliasRoutes,
  aliasStateOf,
  onDeploy,
  promoted,
  sameAlias,
} from "../src/canary/alias-state";

const MACHINE = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-prod-orders";
const v = (n: number) => `${MACHINE}:${n}`;

const stable = (n: number): AliasState => ({ phase: "stable", stable: v(n) });
const canary = (from: number, to: number, weight = 10): AliasState => ({
  phase: "canary",
  stable: v(from),
  canary: v(to),
  weight,
});
const rolledBack = (to: number, from: number): AliasState => ({
  phase: "rolled-back",
  stable: v(to),
  aborted: v(from),
});

/**
 * Any phase over versions 1–500 and a canary share of 1–50 %. The canary and the aborted version are newer
 * than the stable one: a deploy publishes a higher version number than any before it.
 */
const anyState: fc.Arbitrary<AliasState> = fc
  .tuple(fc.integer({ min: 1, max: 499 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50 }))
  .map(([a, b, weight]) => [a, Math.max(a + 1, b), weight] as const)
  .chain(([a, b, weight]) => fc.constantFrom(stable(a), canary(a, b, weight), rolledBack(a, b)));

describe("the live alias's phase", () => {
  it("reads back every phase from the routing and description it writes", () => {
    fc.assert(
      fc.property(anyState, (state) => {
        expect(aliasStateOf(aliasRoutes(state), aliasDescription(state))).toEqual(state);
      }),
    );
  });

  it("routes a canary as the stable version at 100 - w beside the new one at w", () => {
    expect(aliasRoutes(canary(4, 5, 10))).toEqual([
      { stateMachineVersionArn: v(4), weight: 90 },
      { stateMachineVersionArn: v(5), weight: 10 },
    ]);
    expect(aliasDescription(canary(4, 5, 10))).toBe(
      "Canary: 10 % of new executions run version 5, the rest version 4",
    );
  });

  it("takes a single route for stable whatever another tool wrote into the description", () => {
    const routes = [{ stateMachineVersionArn: v(3), weight: 100 }];
    expect(aliasStateOf(routes, "The version the latest deploy published")).toEqual(stable(3));
    expect(aliasStateOf(routes, undefined)).toEqual(stable(3));
    expect(aliasStateOf(routes, "Rolled back: version 3 was aborted; …")).toEqual(stable(3));
  });

  it("refuses an alias that routes to more than two versions", () => {
    const three = [1, 2, 3].map((n) => ({ stateMachineVersionArn: v(n), weight: n === 1 ? 98 : 1 }));
    expect(() => aliasStateOf(three, undefined)).toThrow("the live alias routes to 3 versions");
  });
});

describe("a deploy", () => {
  it.each([
    ["the first deploy", undefined, 1, 10, stable(1)],
    ["a deploy without a canary share", stable(4), 5, undefined, stable(5)],
    ["a re-run that published nothing new", stable(4), 4, 10, stable(4)],
    ["a new version: the shift", stable(4), 5, 10, canary(4, 5, 10)],
    ["a re-run during the bake: the hold", canary(4, 5, 10), 5, 10, canary(4, 5, 10)],
    ["a newer version during a bake, against the proven one", canary(4, 5, 10), 6, 10, canary(4, 6, 10)],
    ["a re-run after an abort", rolledBack(4, 5), 5, 10, rolledBack(4, 5)],
    ["a fix after an abort", rolledBack(4, 5), 6, 10, canary(4, 6, 10)],
    ["a re-run after a promote", stable(5), 5, 10, stable(5)],
  ] as const)("%s", (_label, current, published, weight, expected) => {
    expect(onDeploy(current, v(published), weight)).toEqual(expected);
  });

  it("changes nothing when run again on what it produced", () => {
    fc.assert(
      fc.property(
        anyState,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        (state, n, w) => {
          const once = onDeploy(state, v(n), w);
          expect(sameAlias(onDeploy(once, v(n), w), once)).toBe(true);
        },
      ),
    );
  });
});

describe("promote and abort", () => {
  it("promote moves everything to the canary; abort back to the stable version and remembers why", () => {
    expect(promoted(canary(4, 5))).toEqual(stable(5));
    expect(aborted(canary(4, 5))).toEqual(rolledBack(4, 5));
    expect(aliasDescription(rolledBack(4, 5))).toBe(
      "Rolled back: version 5 was aborted; every new execution runs version 4",
    );
  });

  it("changes nothing outside a canary, so a second promote or abort is a no-op", () => {
    fc.assert(
      fc.property(anyState, (state) => {
        expect(promoted(promoted(state))).toEqual(promoted(state));
        expect(aborted(aborted(state))).toEqual(aborted(state));
        if (state.phase !== "canary") {
          expect(promoted(state)).toBe(state);
          expect(aborted(state)).toBe(state);
        }
      }),
    );
  });
});
