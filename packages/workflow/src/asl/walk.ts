import type { AslBranch, AslState } from "./types";

/** One state of a definition, wherever it is nested. */
export interface StateEntry {
  readonly name: string;
  /**
   * Where it is: the labels of the enclosing states and branches, outermost first. `[]` at the top level,
   * `["Fanout", "branch 1"]` in the first branch of the Parallel state `Fanout`, `["Each", "ItemProcessor"]`
   * in the processor of the Map state `Each`.
   */
  readonly scope: readonly string[];
  readonly state: AslState;
}

/** The machines nested in a state: Parallel branches and Map processors, each with its label. */
export function nestedMachines(state: AslState): { readonly label: string; readonly machine: AslBranch }[] {
  if (state.Type === "Parallel") {
    return (state.Branches ?? []).map((machine, index) => ({ label: `branch ${index + 1}`, machine }));
  }
  if (state.Type !== "Map") return [];
  const nested: { label: string; machine: AslBranch }[] = [];
  if (state.ItemProcessor) nested.push({ label: "ItemProcessor", machine: state.ItemProcessor });
  if (state.Iterator) nested.push({ label: "Iterator", machine: state.Iterator });
  return nested;
}

/**
 * Every state of a machine in definition order, each followed by the states nested in it: the one walk
 * every reader of a definition uses (the local runtime, the rules, the infra policy pack, the synth diff).
 */
export function walkStates(machine: AslBranch, scope: readonly string[] = []): StateEntry[] {
  return Object.entries(machine.States ?? {}).flatMap(([name, state]) => [
    { name, scope, state },
    ...nestedMachines(state).flatMap(({ label, machine: inner }) =>
      walkStates(inner, [...scope, name, label]),
    ),
  ]);
}

/** A nested state's name with its scope, as readers see it: `Notify › branch 2 › Sms`. */
export function qualifiedName({ name, scope }: Pick<StateEntry, "name" | "scope">): string {
  return [...scope, name].join(" › ");
}
