import { type AslDefinition, type ChoiceCondition, happyPath, integrationOf } from "../asl";
import { type Facts, isPresent, overlaps } from "./facts";
import { catchersOf, errorsOf } from "./handlers";
import type { StatePath } from "./paths";

/** The landmarks of a saga, derived from the definition's shape and the manifests' `compensates`. */
export interface SagaShape {
  /** The forward path from StartAt along Next, in order. */
  readonly forward: readonly string[];
  /**
   * The compensation of the first forward step that holds something: it runs first on every failure
   * path, because undoing that hold also fences the order off (no later forward step can take effect
   * after it), and its answer says whether the order completed after all.
   */
  readonly fence?: string;
  /** Where the fence puts its answer (its ResultPath). */
  readonly fenceResult?: string;
  /** Where the steps a person must settle are noted: the parent of the compensations' catch ResultPaths. */
  readonly incomplete?: string;
  /** DynamoDB writes: the workflow writes nothing but the order's status. */
  readonly statusWrites: ReadonlySet<string>;
  /** Fail states every path reaches because a status write failed. */
  readonly recordingFails: ReadonlySet<string>;
  /** Fail states some path reaches with a step noted for a person (the other Fail states are ordinary). */
  readonly attentionFails: ReadonlySet<string>;
}

/** Where a compensation's catcher notes its own give-up: `<parent>.<its name>`; the parent, if so. */
function noteParent(resultPath: unknown, compensation: string): string | undefined {
  if (typeof resultPath !== "string" || !resultPath.endsWith(`.${compensation}`)) return undefined;
  const parent = resultPath.slice(0, -compensation.length - 1);
  return parent.startsWith("$.") ? parent : undefined;
}

function incompletePath(definition: AslDefinition, compensations: Iterable<string>): string | undefined {
  for (const compensation of compensations) {
    const state = definition.States[compensation];
    if (state?.Type !== "Task") continue;
    for (const catcher of catchersOf(state)) {
      const parent = noteParent(catcher.ResultPath, compensation);
      if (parent !== undefined) return parent;
    }
  }
  return undefined;
}

/** True when a path with these facts has something noted for a person (at `incomplete`, or below it). */
export function hasNote(shape: SagaShape, facts: Facts, step?: string): boolean {
  if (shape.incomplete === undefined) return false;
  return isPresent(facts, step === undefined ? shape.incomplete : `${shape.incomplete}.${step}`);
}

function classifyFails(paths: readonly StatePath[], statusWrites: ReadonlySet<string>, shape: SagaShape) {
  const arrivals = new Map<string, { afterFailedWrite: boolean; noted: boolean }[]>();
  for (const path of paths) {
    const last = path.hops.at(-1);
    if (path.end !== "fail" || last === undefined) continue;
    const previous = path.hops.at(-2);
    const afterFailedWrite = previous?.exit?.kind === "catch" && statusWrites.has(previous.state);
    const list = arrivals.get(last.state) ?? [];
    list.push({ afterFailedWrite, noted: hasNote(shape, last.facts) });
    arrivals.set(last.state, list);
  }
  const recordingFails = new Set<string>();
  const attentionFails = new Set<string>();
  for (const [fail, list] of arrivals) {
    if (list.every((a) => a.afterFailedWrite)) recordingFails.add(fail);
    else if (list.some((a) => a.noted)) attentionFails.add(fail);
  }
  return { recordingFails, attentionFails };
}

export function sagaShape(
  definition: AslDefinition,
  compensatorOf: ReadonlyMap<string, string>,
  paths: readonly StatePath[],
): SagaShape {
  const forward = happyPath(definition);
  const first = forward.find((step) => compensatorOf.has(step));
  const fence = first === undefined ? undefined : compensatorOf.get(first);
  const fenceState = fence === undefined ? undefined : definition.States[fence];
  const fenceResult =
    fenceState?.Type === "Task" && typeof fenceState.ResultPath === "string" && fenceState.ResultPath !== "$"
      ? fenceState.ResultPath
      : undefined;
  const statusWrites = new Set(
    Object.entries(definition.States)
      .filter(([, s]) => s.Type === "Task" && integrationOf(String(s.Resource)) === "dynamodb-write")
      .map(([name]) => name),
  );
  const incomplete = incompletePath(definition, compensatorOf.values());
  const base: SagaShape = {
    forward,
    ...(fence !== undefined && { fence }),
    ...(fenceResult !== undefined && { fenceResult }),
    ...(incomplete !== undefined && { incomplete }),
    statusWrites,
    recordingFails: new Set(),
    attentionFails: new Set(),
  };
  return { ...base, ...classifyFails(paths, statusWrites, base) };
}

/** Every Variable a condition reads, nested ones included. */
export function variablesOf(condition: ChoiceCondition | undefined): string[] {
  if (condition === undefined || condition === null || typeof condition !== "object") return [];
  const c = condition as { Variable?: unknown; And?: unknown; Or?: unknown; Not?: unknown };
  const nested = [...(Array.isArray(c.And) ? c.And : []), ...(Array.isArray(c.Or) ? c.Or : []), c.Not];
  return [
    ...(typeof c.Variable === "string" ? [c.Variable] : []),
    ...nested.flatMap((n) => variablesOf(n as ChoiceCondition | undefined)),
  ];
}

/** The index of the first catch on the path (where the failure path starts), or -1. */
export const catchOrigin = (path: StatePath): number => path.hops.findIndex((h) => h.exit?.kind === "catch");

/** The index of the fence on the path, or -1. */
export const fenceAt = (shape: SagaShape, path: StatePath): number =>
  shape.fence === undefined ? -1 : path.hops.findIndex((h) => h.state === shape.fence);

/** True when the Choice hop at `index` tests the fence's answer, through the rule it took if `taken`. */
export function testsFence(
  definition: AslDefinition,
  shape: SagaShape,
  path: StatePath,
  index: number,
  taken = false,
) {
  const hop = path.hops[index];
  const state = hop && definition.States[hop.state];
  if (shape.fenceResult === undefined || state?.Type !== "Choice" || !Array.isArray(state.Choices))
    return false;
  const tookRule = hop?.exit?.kind === "choice" ? state.Choices[hop.exit.index ?? -1] : undefined;
  const rules = taken ? [tookRule] : state.Choices;
  return rules.some((rule) => variablesOf(rule).some((v) => overlaps(v, shape.fenceResult as string)));
}

/**
 * Where the path learned from the fence that the order completed after all: the first Choice after a
 * fence that succeeded which took one of its rules on the fence's answer. -1 when it did not.
 */
export function completedAfterAll(definition: AslDefinition, shape: SagaShape, path: StatePath): number {
  const fence = fenceAt(shape, path);
  if (fence < 0 || path.hops[fence]?.exit?.kind !== "next") return -1;
  for (let i = fence + 1; i < path.hops.length; i++) {
    if (definition.States[path.hops[i]?.state ?? ""]?.Type !== "Choice") continue;
    if (testsFence(definition, shape, path, i, true)) return i;
  }
  return -1;
}

/** The errors of the catcher a hop left by. */
export function caughtErrors(definition: AslDefinition, path: StatePath, index: number): string[] {
  const hop = path.hops[index];
  const state = hop && definition.States[hop.state];
  if (!state || hop.exit?.kind !== "catch") return [];
  return errorsOf(catchersOf(state as { Catch?: [] })[hop.exit.index ?? -1] ?? {});
}
