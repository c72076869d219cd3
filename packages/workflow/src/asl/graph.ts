import type { AslBranch, AslState } from "./types";

export type EdgeKind = "next" | "choice" | "default" | "catch";

/** One possible transition out of a state. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** For catch edges: the errors that take it. */
  readonly errors?: readonly string[];
}

/**
 * Every transition out of `state`, in definition order. Tolerates malformed states (missing arrays),
 * because the rules also run on definitions that did not come from the builder.
 */
export function edgesOf(from: string, state: AslState): Edge[] {
  const edges: Edge[] = [];
  if ("Next" in state && typeof state.Next === "string") edges.push({ from, to: state.Next, kind: "next" });
  if (state.Type === "Choice") {
    for (const rule of Array.isArray(state.Choices) ? state.Choices : []) {
      if (typeof rule.Next === "string") edges.push({ from, to: rule.Next, kind: "choice" });
    }
    if (typeof state.Default === "string") edges.push({ from, to: state.Default, kind: "default" });
  }
  if ("Catch" in state && Array.isArray(state.Catch)) {
    for (const catcher of state.Catch) {
      if (typeof catcher.Next === "string") {
        edges.push({ from, to: catcher.Next, kind: "catch", errors: catcher.ErrorEquals ?? [] });
      }
    }
  }
  return edges;
}

/** States reachable from `start` (inclusive) along edges `follow` accepts. */
export function reachableFrom(
  branch: AslBranch,
  start: string,
  follow: (edge: Edge) => boolean = () => true,
): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const state = branch.States[name];
    if (seen.has(name) || state === undefined) continue;
    seen.add(name);
    for (const edge of edgesOf(name, state)) if (follow(edge)) queue.push(edge.to);
  }
  return seen;
}

/** True when a state ends the execution on its own. */
export function isTerminal(state: AslState): boolean {
  return state.Type === "Succeed" || state.Type === "Fail" || ("End" in state && state.End === true);
}

/** The states of the path taken when nothing fails: from StartAt along `Next` only. */
export function happyPath(branch: AslBranch): string[] {
  const path: string[] = [];
  let name: string | undefined = branch.StartAt;
  while (name !== undefined && !path.includes(name)) {
    const state: AslState | undefined = branch.States[name];
    if (state === undefined) break;
    path.push(name);
    name = "Next" in state ? state.Next : undefined;
  }
  return path;
}
