import {
  type AslBranch,
  type AslDefinition,
  type AslState,
  qualifiedName,
  walkStates,
} from "@orderflow/workflow/asl";
import { compareText, type FieldChange, fieldChanges } from "./field-changes";

export interface StateRef {
  /** The state's name, prefixed by its enclosing Parallel/Map states (`Fanout › branch 1 › Notify`). */
  readonly path: string;
  readonly type: string;
}

export interface ChangedState extends StateRef {
  readonly fields: readonly FieldChange[];
}

export interface AslDiff {
  readonly added: readonly StateRef[];
  readonly changed: readonly ChangedState[];
  readonly removed: readonly StateRef[];
  /** Top-level fields (StartAt, TimeoutSeconds, QueryLanguage, ...) that differ. */
  readonly machine: readonly FieldChange[];
}

function typeOf(state: AslState): string {
  return typeof state.Type === "string" ? state.Type : "?";
}

/** A state without the states nested in it: those are compared on their own, by path. */
function ownFields(state: AslState): Record<string, unknown> {
  const own: Record<string, unknown> = { ...state };
  const strip = ({ States: _states, ...rest }: AslBranch) => rest;
  if (state.Type === "Parallel") own.Branches = state.Branches.map(strip);
  if (state.Type === "Map") {
    if (state.ItemProcessor) own.ItemProcessor = strip(state.ItemProcessor);
    if (state.Iterator) own.Iterator = strip(state.Iterator);
  }
  return own;
}

/** Every state of a definition, nested ones included, keyed by path (`Notify › branch 2 › Sms`). */
export function flattenStates(asl: AslDefinition): Map<string, AslState> {
  return new Map(walkStates(asl).map((entry) => [qualifiedName(entry), entry.state]));
}

function topLevelFields({ States: _states, ...rest }: AslDefinition): Record<string, unknown> {
  return rest;
}

const byPath = (a: StateRef, b: StateRef) => compareText(a.path, b.path);

/** States added, removed and changed between two definitions; `base` is undefined for a new machine. */
export function diffAsl(base: AslDefinition | undefined, head: AslDefinition | undefined): AslDiff {
  const before = base ? flattenStates(base) : new Map<string, AslState>();
  const after = head ? flattenStates(head) : new Map<string, AslState>();
  const added: StateRef[] = [];
  const changed: ChangedState[] = [];
  const removed: StateRef[] = [];
  for (const [path, state] of after) {
    const previous = before.get(path);
    if (!previous) {
      added.push({ path, type: typeOf(state) });
      continue;
    }
    const fields = fieldChanges(ownFields(previous), ownFields(state));
    if (fields.length > 0) changed.push({ path, type: typeOf(state), fields });
  }
  for (const [path, state] of before) if (!after.has(path)) removed.push({ path, type: typeOf(state) });
  const machine = base && head ? fieldChanges(topLevelFields(base), topLevelFields(head)) : [];
  return {
    added: added.sort(byPath),
    changed: changed.sort(byPath),
    removed: removed.sort(byPath),
    machine,
  };
}

export function isEmptyAslDiff(diff: AslDiff): boolean {
  return diff.added.length + diff.changed.length + diff.removed.length + diff.machine.length === 0;
}
