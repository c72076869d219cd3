import type { AslDefinition, AslState } from "../asl";
import { isPresent, overlaps } from "./facts";
import { catchersOf } from "./handlers";
import { describePath } from "./report";
import type { RuleChecks, RuleViolation } from "./types";

/** A path of the state in a `.$` value: the value itself, or each one inside an intrinsic function. */
function statePaths(value: string): string[] {
  if (value.startsWith("States."))
    return [...value.matchAll(/(?<![$\w])\$(?:\.[A-Za-z_][\w-]*)+/g)].map((m) => m[0]);
  return value.startsWith("$.") ? [value] : [];
}

function templateReads(template: unknown, into: string[]): void {
  if (Array.isArray(template)) {
    for (const item of template) templateReads(item, into);
  } else if (template !== null && typeof template === "object") {
    for (const [key, value] of Object.entries(template)) {
      if (key.endsWith(".$") && typeof value === "string") into.push(...statePaths(value));
      else templateReads(value, into);
    }
  }
}

const COMPARES_PATH = /Path$/;

/** The paths of the state that `state` reads: its InputPath and Parameters, a Choice's comparisons, a Fail's paths. */
function readsOf(state: AslState): string[] {
  const reads: string[] = [];
  if (state.Type === "Fail") {
    for (const path of [state.ErrorPath, state.CausePath])
      if (typeof path === "string") reads.push(...statePaths(path));
  } else if (state.Type === "Choice") {
    // Only a rule's own test: a nested one may sit behind an IsPresent that guards it.
    for (const rule of Array.isArray(state.Choices) ? state.Choices : []) {
      const test = rule as Record<string, unknown>;
      if (typeof test.Variable !== "string" || "IsPresent" in test) continue;
      reads.push(test.Variable);
      for (const [key, value] of Object.entries(test)) {
        if (COMPARES_PATH.test(key) && typeof value === "string") reads.push(value);
      }
    }
  } else if (state.Type !== "Succeed") {
    if (typeof state.InputPath === "string") reads.push(...statePaths(state.InputPath));
    if ("Parameters" in state) templateReads(state.Parameters, reads);
  }
  return reads.filter((path) => path.startsWith("$."));
}

/** Every place the workflow writes into its own state: ResultPaths of states and catchers, by writer. */
function writers(definition: AslDefinition): { readonly state: string; readonly path: string }[] {
  const found: { state: string; path: string }[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    const own = (state as { ResultPath?: unknown }).ResultPath;
    if (typeof own === "string" && own !== "$") found.push({ state: name, path: own });
    for (const catcher of catchersOf(state as { Catch?: [] })) {
      if (typeof catcher.ResultPath === "string" && catcher.ResultPath !== "$") {
        found.push({ state: name, path: catcher.ResultPath });
      }
    }
  }
  return found;
}

export const readRules: RuleChecks = {
  "reads-written": (context) => {
    const { definition } = context;
    const written = writers(definition);
    // Per state, once: each path it reads that another state writes, with those writers.
    const checked = new Map(
      Object.entries(definition.States).map(([name, state]) => [
        name,
        readsOf(state).flatMap((read) => {
          const by = [
            ...new Set(written.filter((w) => w.state !== name && overlaps(w.path, read)).map((w) => w.state)),
          ];
          return by.length > 0 ? [{ read, by }] : [];
        }),
      ]),
    );
    const violations: RuleViolation[] = [];
    const reported = new Set<string>();
    // Paths share the hops of their common beginning: each is checked once.
    const seen = new Set<object>();
    for (const path of context.paths()) {
      for (const hop of path.hops) {
        if (seen.has(hop)) continue;
        seen.add(hop);
        for (const { read, by } of checked.get(hop.state) ?? []) {
          const key = `${hop.state}|${read}`;
          if (reported.has(key) || isPresent(hop.facts, read)) continue;
          reported.add(key);
          violations.push({
            rule: "reads-written",
            state: hop.state,
            message:
              `reads ${read}, which ${by.join(", ")} write(s), but not on the path ` +
              `${describePath(definition, path)}: a missing path fails the execution with States.Runtime, which no Catch catches`,
          });
        }
      }
    }
    return violations;
  },
};
