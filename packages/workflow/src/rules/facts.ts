import type { AslState, Catcher, ChoiceRule } from "../asl";

/**
 * What a path has written into the execution's state so far: each JSONPath known to be present, either
 * `open` (its content is unknown, so any path below it may exist) or closed, listing the only keys it
 * has (a ResultSelector's fields, a caught `{Error, Cause}`, a Pass state's Result).
 */
export type Facts = ReadonlyMap<string, "open" | readonly string[]>;

export const NO_FACTS: Facts = new Map();

const below = (path: string, parent: string) => path.startsWith(`${parent}.`);

/** True when one path is the other or lies below it: a write of one changes what a read of the other sees. */
export const overlaps = (a: string, b: string): boolean => a === b || below(a, b) || below(b, a);

/** The facts after a value of `shape` is written at `at`; `"$"` replaces the whole state. */
export function written(facts: Facts, at: string, shape: "open" | readonly string[]): Facts {
  if (at === "$") {
    return new Map(shape === "open" ? [] : shape.map((key) => [`$.${key}`, "open"] as const));
  }
  const next = new Map([...facts].filter(([path]) => path !== at && !below(path, at)));
  next.set(at, shape);
  if (shape !== "open") for (const key of shape) next.set(`${at}.${key}`, "open");
  return next;
}

/** True when every path with these facts has `path` in its state. */
export function isPresent(facts: Facts, path: string): boolean {
  for (const [known, shape] of facts) {
    if (known === path || below(known, path)) return true;
    if (shape === "open" && below(path, known)) return true;
  }
  return false;
}

/** True when no path with these facts can have `path`: it is below a closed value that lacks its key. */
export function isAbsent(facts: Facts, path: string): boolean {
  for (const [known, shape] of facts) {
    if (shape === "open" || !below(path, known)) continue;
    const key = path.slice(known.length + 1).split(".")[0] ?? "";
    if (!shape.includes(key)) return true;
  }
  return false;
}

/** The keys a template object produces (`"a.$"` and `"a"` both produce `a`). */
const keysOf = (template: unknown): readonly string[] | "open" =>
  template !== null && typeof template === "object" && !Array.isArray(template)
    ? Object.keys(template).map((key) => key.replace(/\.\$$/, ""))
    : "open";

const resultPathOf = (state: { ResultPath?: string | null }): string | null =>
  state.ResultPath === undefined ? "$" : state.ResultPath;

/** The facts after `state` succeeded: its result goes to its ResultPath, then OutputPath picks. */
export function afterSuccess(facts: Facts, state: AslState): Facts {
  if (state.Type === "Pass") {
    const at = resultPathOf(state);
    if (at === null) return facts;
    const shape = "Result" in state && state.Result !== undefined ? keysOf(state.Result) : "open";
    return written(facts, at, shape);
  }
  if (state.Type !== "Task" && state.Type !== "Parallel" && state.Type !== "Map") return facts;
  const at = resultPathOf(state);
  const stored =
    at === null ? facts : written(facts, at, state.ResultSelector ? keysOf(state.ResultSelector) : "open");
  const output = state.OutputPath;
  return output === undefined || output === "$" || output === null ? stored : NO_FACTS;
}

/** The facts after `catcher` caught an error: `{Error, Cause}` at its ResultPath. */
export function afterCatch(facts: Facts, catcher: Catcher): Facts {
  const at = resultPathOf(catcher);
  return at === null ? facts : written(facts, at, ["Error", "Cause"]);
}

/** A Choice rule's verdict for a path with these facts. */
export type Verdict = "always" | "never" | "maybe";

/**
 * Whether a rule matches: known for a top-level `IsPresent` test of a path the facts decide, otherwise
 * `maybe`. Comparisons depend on values, which no rule tracks.
 */
export function verdictOf(rule: ChoiceRule, facts: Facts): Verdict {
  const test = rule as { Variable?: unknown; IsPresent?: unknown };
  if (typeof test.Variable !== "string" || typeof test.IsPresent !== "boolean") return "maybe";
  const present = isPresent(facts, test.Variable);
  const absent = !present && isAbsent(facts, test.Variable);
  if (!present && !absent) return "maybe";
  return present === test.IsPresent ? "always" : "never";
}

/** The facts on the branch a rule sends a path to: an `IsPresent: true` test makes its path known. */
export function assuming(rule: ChoiceRule, facts: Facts): Facts {
  const test = rule as { Variable?: unknown; IsPresent?: unknown };
  if (typeof test.Variable !== "string" || test.IsPresent !== true || isPresent(facts, test.Variable)) {
    return facts;
  }
  return new Map([...facts, [test.Variable, "open"]]);
}
