import type { AslBranch, AslState, ChoiceState, EdgeKind } from "../asl";
import { afterCatch, afterSuccess, assuming, type Facts, NO_FACTS, verdictOf } from "./facts";

/** How a path leaves a state: a transition (with the Choice rule's or catcher's index), or `end` (End: true). */
export interface Exit {
  readonly kind: EdgeKind | "end";
  readonly index?: number;
}

/** One state on a path, with what the path had written when it entered the state. */
export interface Hop {
  readonly state: string;
  readonly facts: Facts;
  /** Absent on the last state of a path that stops there (a Fail or Succeed state, a loop). */
  readonly exit?: Exit;
}

/**
 * How a path ends: in a Fail or Succeed state, by leaving a state with End (`end`), by coming back to a
 * state it visited (`loop`), at a transition to a state that does not exist (`missing`), or in a state
 * with no way on (`stuck`, e.g. a Choice no rule of which can match).
 */
export type PathEnd = "fail" | "succeed" | "end" | "loop" | "missing" | "stuck";

export interface StatePath {
  readonly hops: readonly Hop[];
  readonly end: PathEnd;
}

interface Move {
  readonly exit: Exit;
  /** Absent when the move ends the execution (End). */
  readonly to?: string;
  readonly facts: Facts;
}

function choiceMoves(state: ChoiceState, facts: Facts): Move[] {
  const moves: Move[] = [];
  const rules = Array.isArray(state.Choices) ? state.Choices : [];
  for (const [index, rule] of rules.entries()) {
    const verdict = verdictOf(rule, facts);
    if (verdict !== "never" && typeof rule.Next === "string") {
      moves.push({ exit: { kind: "choice", index }, to: rule.Next, facts: assuming(rule, facts) });
    }
    // A rule that always matches is the last one any path gets to.
    if (verdict === "always") return moves;
  }
  if (typeof state.Default === "string") moves.push({ exit: { kind: "default" }, to: state.Default, facts });
  return moves;
}

/** Every way on from `state` for a path with `facts`, each with the facts it leaves with. */
function movesOf(state: AslState, facts: Facts): Move[] {
  if (state.Type === "Succeed" || state.Type === "Fail") return [];
  if (state.Type === "Choice") return choiceMoves(state, facts);
  const moves: Move[] = [];
  const after = afterSuccess(facts, state);
  if (typeof state.Next === "string") moves.push({ exit: { kind: "next" }, to: state.Next, facts: after });
  else if (state.End === true) moves.push({ exit: { kind: "end" }, facts: after });
  const catchers = "Catch" in state && Array.isArray(state.Catch) ? state.Catch : [];
  for (const [index, catcher] of catchers.entries()) {
    if (typeof catcher.Next !== "string") continue;
    moves.push({ exit: { kind: "catch", index }, to: catcher.Next, facts: afterCatch(facts, catcher) });
  }
  return moves;
}

const TERMINAL: Partial<Record<AslState["Type"], PathEnd>> = { Fail: "fail", Succeed: "succeed" };

/**
 * Every path an execution can take from StartAt, Catch transitions included, each state with what the
 * path had written when it got there. A Choice rule the facts decide (an `IsPresent` test) sends a path
 * one way only, so the paths are the ones an execution can really take, not every line of the graph.
 * Throws when there are more than `limit` (the rules then report the definition as unreadable).
 */
export function executionPaths(branch: AslBranch, limit = 20_000): StatePath[] {
  const paths: StatePath[] = [];
  const walk = (name: string, facts: Facts, before: readonly Hop[]): void => {
    if (paths.length >= limit) throw new Error(`the definition has more than ${limit} paths`);
    const state = branch.States[name];
    if (state === undefined) return void paths.push({ hops: before, end: "missing" });
    if (before.some((hop) => hop.state === name)) {
      return void paths.push({ hops: [...before, { state: name, facts }], end: "loop" });
    }
    const moves = movesOf(state, facts);
    if (moves.length === 0) {
      return void paths.push({
        hops: [...before, { state: name, facts }],
        end: TERMINAL[state.Type] ?? "stuck",
      });
    }
    for (const move of moves) {
      const hops = [...before, { state: name, facts, exit: move.exit }];
      if (move.to === undefined) paths.push({ hops, end: "end" });
      else walk(move.to, move.facts, hops);
    }
  };
  walk(branch.StartAt, NO_FACTS, []);
  return paths;
}
