import { BUSINESS_ERRORS, type TaskManifest } from "@orderflow/domain";
import {
  type AslDefinition,
  type AslState,
  type Catcher,
  integrationOf,
  RESOURCES,
  type Retrier,
  STATES_ALL,
  STATES_TASK_FAILED,
  type TaskState,
} from "../src/asl";

/** One deliberate defect: what it breaks, and how (applied to a private copy). */
export interface Mutant {
  readonly id: string;
  readonly apply: (definition: AslDefinition) => void;
}

type Mutable = Record<string, unknown>;

// Mutants break the types on purpose, so they edit the definition as plain JSON.
const set = (target: unknown, key: string, value: unknown): void => {
  (target as Mutable)[key] = value;
};
const drop = (target: unknown, key: string): void => {
  delete (target as Mutable)[key];
};

const RETRY_FIELDS = [
  "IntervalSeconds",
  "MaxAttempts",
  "BackoffRate",
  "MaxDelaySeconds",
  "JitterStrategy",
] as const;

const taskAt = (d: AslDefinition, name: string) => d.States[name] as TaskState;
const retriersAt = (d: AslDefinition, name: string) => taskAt(d, name).Retry as Retrier[];
const catchersAt = (d: AslDefinition, name: string) => taskAt(d, name).Catch as Catcher[];
const without = (list: readonly string[], item: string) => list.filter((e) => e !== item);

function retryMutants(name: string, retriers: readonly Retrier[], business: readonly string[]): Mutant[] {
  const mutants: Mutant[] = [
    { id: `${name}: no Retry`, apply: (d) => drop(d.States[name], "Retry") },
    {
      id: `${name}: States.ALL retrier first`,
      apply: (d) => {
        retriersAt(d, name).unshift({ ...(retriersAt(d, name)[0] as Retrier), ErrorEquals: [STATES_ALL] });
      },
    },
  ];
  retriers.forEach((retrier, i) => {
    const at = (d: AslDefinition) => retriersAt(d, name)[i] as Retrier;
    const add = (error: string) => (d: AslDefinition) =>
      set(at(d), "ErrorEquals", [...at(d).ErrorEquals, error]);
    mutants.push({ id: `${name}: drop Retry[${i}]`, apply: (d) => void retriersAt(d, name).splice(i, 1) });
    for (const field of RETRY_FIELDS) {
      mutants.push({ id: `${name}: Retry[${i}] without ${field}`, apply: (d) => drop(at(d), field) });
    }
    mutants.push(
      { id: `${name}: Retry[${i}] BackoffRate 1.5`, apply: (d) => set(at(d), "BackoffRate", 1.5) },
      { id: `${name}: Retry[${i}] JitterStrategy NONE`, apply: (d) => set(at(d), "JitterStrategy", "NONE") },
      { id: `${name}: Retry[${i}] MaxAttempts 0`, apply: (d) => set(at(d), "MaxAttempts", 0) },
      { id: `${name}: Retry[${i}] also names States.ALL`, apply: add(STATES_ALL) },
    );
    for (const error of retrier.ErrorEquals) {
      mutants.push({
        id: `${name}: Retry[${i}] without ${error}`,
        apply: (d) => set(at(d), "ErrorEquals", without(at(d).ErrorEquals, error)),
      });
    }
    for (const error of business.length > 0 ? business : BUSINESS_ERRORS.slice(0, 1)) {
      mutants.push({ id: `${name}: Retry[${i}] retries ${error}`, apply: add(error) });
    }
    if (business.length > 0) {
      mutants.push({
        id: `${name}: Retry[${i}] retries ${STATES_TASK_FAILED}`,
        apply: add(STATES_TASK_FAILED),
      });
    }
  });
  return mutants;
}

function catchMutants(definition: AslDefinition, name: string, catchers: readonly Catcher[]): Mutant[] {
  const succeedState = Object.keys(definition.States).find((s) => definition.States[s]?.Type === "Succeed");
  const mutants: Mutant[] = [
    { id: `${name}: no Catch`, apply: (d) => drop(d.States[name], "Catch") },
    {
      id: `${name}: States.ALL catcher first`,
      apply: (d) => {
        catchersAt(d, name).unshift({ ...(catchersAt(d, name)[0] as Catcher), ErrorEquals: [STATES_ALL] });
      },
    },
  ];
  catchers.forEach((catcher, j) => {
    const at = (d: AslDefinition) => catchersAt(d, name)[j] as Catcher;
    mutants.push(
      { id: `${name}: drop Catch[${j}]`, apply: (d) => void catchersAt(d, name).splice(j, 1) },
      { id: `${name}: Catch[${j}] without ResultPath`, apply: (d) => drop(at(d), "ResultPath") },
      { id: `${name}: Catch[${j}] ResultPath $`, apply: (d) => set(at(d), "ResultPath", "$") },
    );
    for (const error of catcher.ErrorEquals) {
      mutants.push({
        id: `${name}: Catch[${j}] without ${error}`,
        apply: (d) => set(at(d), "ErrorEquals", without(at(d).ErrorEquals, error)),
      });
    }
    if (succeedState) {
      mutants.push({
        id: `${name}: Catch[${j}] → ${succeedState}`,
        apply: (d) => set(at(d), "Next", succeedState),
      });
    }
    if (j < catchers.length - 1) {
      mutants.push({
        id: `${name}: Catch[${j}] also names States.ALL`,
        apply: (d) => set(at(d), "ErrorEquals", [...at(d).ErrorEquals, STATES_ALL]),
      });
    }
    const target = definition.States[catcher.Next] as AslState;
    if (target.Type === "Task" && target.Next) {
      const skipped = target.Next;
      mutants.push({
        id: `${name}: Catch[${j}] skips ${catcher.Next}`,
        apply: (d) => set(at(d), "Next", skipped),
      });
    }
  });
  return mutants;
}

function jsonataMutants(name: string, state: AslState): Mutant[] {
  const add = (field: string, value: unknown) => (d: AslDefinition) => set(d.States[name], field, value);
  const mutants: Mutant[] = [
    { id: `${name}: QueryLanguage JSONata`, apply: add("QueryLanguage", "JSONata") },
    { id: `${name}: Assign`, apply: add("Assign", { orderId: "$.orderId" }) },
    { id: `${name}: Output`, apply: add("Output", "{% $states.input %}") },
  ];
  if (state.Type === "Task") {
    mutants.push(
      { id: `${name}: Arguments`, apply: add("Arguments", { FunctionName: "f" }) },
      {
        id: `${name}: JSONata expression in Parameters`,
        apply: (d) => set(taskAt(d, name).Parameters, "extra", "{% $states.input.orderId %}"),
      },
    );
  }
  return mutants;
}

function serviceMutants(name: string, state: TaskState): Mutant[] {
  const parameters = (d: AslDefinition) => taskAt(d, name).Parameters as Mutable;
  const entry = (d: AslDefinition) => (parameters(d).Entries as Mutable[])[0];
  if (integrationOf(state.Resource) === "dynamodb-write") {
    return [
      { id: `${name}: no ConditionExpression`, apply: (d) => drop(parameters(d), "ConditionExpression") },
    ];
  }
  if (state.Resource === RESOURCES.putEvents) {
    return [
      { id: `${name}: another Source`, apply: (d) => set(entry(d), "Source", "someone.else") },
      { id: `${name}: unknown DetailType`, apply: (d) => set(entry(d), "DetailType", "OrderMaybe") },
      { id: `${name}: no Detail`, apply: (d) => drop(entry(d), "Detail") },
    ];
  }
  return [];
}

/** Rewires ordinary transitions: skip a compensation, swap two adjacent ones. */
function chainMutants(definition: AslDefinition, compensations: ReadonlySet<string>): Mutant[] {
  const mutants: Mutant[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    const next = "Next" in state ? state.Next : undefined;
    if (next === undefined || !compensations.has(next)) continue;
    const after = (definition.States[next] as TaskState).Next;
    mutants.push({ id: `${name}: Next skips ${next}`, apply: (d) => set(d.States[name], "Next", after) });
  }
  for (const first of compensations) {
    const second = (definition.States[first] as TaskState | undefined)?.Next;
    if (second === undefined || !compensations.has(second)) continue;
    mutants.push({
      id: `swap compensations ${first} and ${second}`,
      apply: (d) => {
        const afterSecond = taskAt(d, second).Next;
        const retarget = (to: string) => (to === first ? second : to);
        for (const state of Object.values(d.States)) {
          if ("Next" in state && state.Next) set(state, "Next", retarget(state.Next));
          for (const c of "Catch" in state ? (state.Catch ?? []) : []) c.Next = retarget(c.Next);
        }
        set(taskAt(d, second), "Next", first);
        set(taskAt(d, first), "Next", afterSecond);
      },
    });
  }
  return mutants;
}

function failMutants(name: string, state: AslState): Mutant[] {
  if (state.Type !== "Fail") return [];
  const error = state.ErrorPath !== undefined ? "ErrorPath" : "Error";
  const cause = state.CausePath !== undefined ? "CausePath" : "Cause";
  return [
    { id: `${name}: no ${error}`, apply: (d) => drop(d.States[name], error) },
    { id: `${name}: no ${cause}`, apply: (d) => drop(d.States[name], cause) },
  ];
}

function taskMutants(
  definition: AslDefinition,
  name: string,
  state: TaskState,
  tasks: readonly TaskManifest[],
): Mutant[] {
  const manifest = tasks.find((t) => t.stateName === name);
  const caughtBusiness = (state.Catch ?? [])
    .flatMap((c) => c.ErrorEquals)
    .filter((e) => BUSINESS_ERRORS.includes(e as never));
  const business = [...new Set([...(manifest?.errors ?? []), ...caughtBusiness])];
  const mutants: Mutant[] = [
    { id: `${name}: no TimeoutSeconds`, apply: (d) => drop(d.States[name], "TimeoutSeconds") },
  ];
  if (manifest) {
    mutants.push({
      id: `${name}: TimeoutSeconds = function timeout`,
      apply: (d) => set(d.States[name], "TimeoutSeconds", manifest.timeoutSeconds),
    });
  }
  if (state.HeartbeatSeconds !== undefined) {
    mutants.push({
      id: `${name}: no HeartbeatSeconds`,
      apply: (d) => drop(d.States[name], "HeartbeatSeconds"),
    });
  }
  mutants.push(...retryMutants(name, state.Retry ?? [], business));
  mutants.push(...catchMutants(definition, name, state.Catch ?? []));
  mutants.push(...serviceMutants(name, state));
  if (manifest?.compensates) {
    mutants.push(
      {
        id: `${name}: retries once per retrier`,
        apply: (d) => {
          for (const r of retriersAt(d, name)) r.MaxAttempts = 1;
        },
      },
      {
        id: `${name}: gives up into the ordinary failure path`,
        apply: (d) => {
          for (const c of catchersAt(d, name)) c.Next = state.Next as string;
        },
      },
    );
  }
  return mutants;
}

/**
 * Every required element of `definition`, broken one at a time. Generated from the definition and
 * the manifests, so a new state or retrier brings its own mutants.
 */
export function mutantsOf(definition: AslDefinition, tasks: readonly TaskManifest[]): Mutant[] {
  const compensations = new Set(tasks.filter((t) => t.compensates).map((t) => t.stateName));
  const mutants: Mutant[] = [
    { id: "definition: no TimeoutSeconds", apply: (d) => drop(d, "TimeoutSeconds") },
    { id: "definition: TimeoutSeconds 60", apply: (d) => set(d, "TimeoutSeconds", 60) },
    { id: "definition: QueryLanguage JSONata", apply: (d) => set(d, "QueryLanguage", "JSONata") },
    {
      id: `${definition.StartAt}: Next to a missing state`,
      apply: (d) => set(d.States[d.StartAt], "Next", "Nowhere"),
    },
  ];
  for (const [name, state] of Object.entries(definition.States)) {
    mutants.push(...jsonataMutants(name, state), ...failMutants(name, state));
    if (state.Type === "Task") mutants.push(...taskMutants(definition, name, state, tasks));
  }
  mutants.push(...chainMutants(definition, compensations));
  return mutants;
}
