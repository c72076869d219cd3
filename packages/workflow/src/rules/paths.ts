import { type AslBranch, type Edge, edgesOf, reachableFrom } from "../asl";

/** How a path ends: a Fail or Succeed state, a state that ends the execution (End), a loop, or a missing state. */
export type PathEnd = "fail" | "succeed" | "end" | "loop" | "missing";

export interface StatePath {
  readonly states: readonly string[];
  readonly end: PathEnd;
}

const NOT_CATCH = (edge: Edge) => edge.kind !== "catch";

/** The states reached from StartAt when nothing throws: the saga's forward path. */
export function forwardStates(branch: AslBranch): Set<string> {
  return reachableFrom(branch, branch.StartAt, NOT_CATCH);
}

/**
 * Every path from `start` along ordinary transitions (Next, Choice rules, Default) to where it ends.
 * Catch edges are not followed: they are the failure of a state on the path, checked on their own.
 */
export function pathsFrom(branch: AslBranch, start: string, limit = 1000): StatePath[] {
  const paths: StatePath[] = [];
  const walk = (name: string, before: readonly string[]) => {
    if (paths.length >= limit) return;
    const state = branch.States[name];
    if (state === undefined) return void paths.push({ states: before, end: "missing" });
    if (before.includes(name)) return void paths.push({ states: [...before, name], end: "loop" });
    const here = [...before, name];
    if (state.Type === "Fail") return void paths.push({ states: here, end: "fail" });
    if (state.Type === "Succeed") return void paths.push({ states: here, end: "succeed" });
    const onward = edgesOf(name, state).filter(NOT_CATCH);
    if (onward.length === 0) return void paths.push({ states: here, end: "end" });
    for (const edge of onward) walk(edge.to, here);
  };
  walk(start, []);
  return paths;
}
