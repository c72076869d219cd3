/**
 * The parts of a JSONPath ASL document the local runtime reads. The definition itself comes from
 * `@orderflow/workflow`; these types only describe what is inspected here (resources, retriers, nesting).
 */

export interface AslRetrier {
  readonly ErrorEquals: readonly string[];
  readonly MaxAttempts?: number;
}

export interface AslCatcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
}

export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: unknown;
  readonly Retry?: readonly AslRetrier[];
  readonly Catch?: readonly AslCatcher[];
  readonly Next?: string;
  readonly Branches?: readonly AslMachine[];
  readonly ItemProcessor?: AslMachine;
  readonly Iterator?: AslMachine;
}

export interface AslMachine {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

export interface AslDefinition extends AslMachine {
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
}

/** Every state of the machine, including those nested in Parallel branches and Map processors. */
export function allStates(machine: AslMachine): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]): [string, AslState][] => [
    [name, state],
    ...(state.Branches ?? []).flatMap(allStates),
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
    ...(state.Iterator ? allStates(state.Iterator) : []),
  ]);
}
