import { compareText, type FieldChange, fieldChanges } from "./field-changes";
import type { Asl, AslState } from "./synth-file";

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

const SEPARATOR = " › ";

function typeOf(state: AslState): string {
  return typeof state.Type === "string" ? state.Type : "?";
}

function nestedMachines(state: AslState): { label: string; asl: Asl }[] {
  const nested: { label: string; asl: Asl }[] = [];
  if (Array.isArray(state.Branches)) {
    state.Branches.forEach((branch: Asl, index: number) => {
      nested.push({ label: `branch ${index + 1}`, asl: branch });
    });
  }
  for (const key of ["ItemProcessor", "Iterator"] as const) {
    const processor = state[key] as Asl | undefined;
    if (processor?.States) nested.push({ label: key, asl: processor });
  }
  return nested;
}

/** A state without the states nested in it: those are compared on their own, by path. */
function ownFields(state: AslState): AslState {
  const own: Record<string, unknown> = { ...state };
  const strip = ({ States: _states, ...rest }: Asl) => rest;
  if (Array.isArray(state.Branches)) own.Branches = (state.Branches as Asl[]).map(strip);
  for (const key of ["ItemProcessor", "Iterator"] as const) {
    const processor = state[key] as Asl | undefined;
    if (processor?.States) own[key] = strip(processor);
  }
  return own;
}

/** Every state of a definition, nested ones included, keyed by path. */
export function flattenStates(asl: Asl, prefix = ""): Map<string, AslState> {
  const states = new Map<string, AslState>();
  for (const [name, state] of Object.entries(asl.States)) {
    const path = `${prefix}${name}`;
    states.set(path, state);
    for (const { label, asl: inner } of nestedMachines(state)) {
      for (const [innerPath, innerState] of flattenStates(inner, `${path}${SEPARATOR}${label}${SEPARATOR}`)) {
        states.set(innerPath, innerState);
      }
    }
  }
  return states;
}

function topLevelFields({ States: _states, ...rest }: Asl): Record<string, unknown> {
  return rest;
}

const byPath = (a: StateRef, b: StateRef) => compareText(a.path, b.path);

/** States added, removed and changed between two definitions; `base` is undefined for a new machine. */
export function diffAsl(base: Asl | undefined, head: Asl | undefined): AslDiff {
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
