import { BUSINESS_ERRORS, EVENT_DETAIL_ATTRIBUTES, type TaskManifest } from "@orderflow/domain";
import {
  type AslDefinition,
  type AslState,
  type Catcher,
  type ChoiceState,
  happyPath,
  integrationOf,
  type PassState,
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

/** The item attributes a status write must set for the outbox, besides the key. */
const OUTBOX_ATTRIBUTES = new Set<string>([
  "status",
  "eventType",
  ...Object.values(EVENT_DETAIL_ATTRIBUTES).flat(),
]);

const taskAt = (d: AslDefinition, name: string) => d.States[name] as TaskState;
const choiceAt = (d: AslDefinition, name: string) => d.States[name] as ChoiceState;
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

/** The state that ends the execution successfully (End: true), if any. */
const completionOf = (definition: AslDefinition) =>
  Object.keys(definition.States).find((s) => (definition.States[s] as { End?: true }).End === true);

function catchMutants(definition: AslDefinition, name: string, catchers: readonly Catcher[]): Mutant[] {
  const completion = completionOf(definition);
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
    if (completion !== undefined && completion !== name && completion !== catcher.Next) {
      mutants.push({
        id: `${name}: Catch[${j}] → ${completion}`,
        apply: (d) => set(at(d), "Next", completion),
      });
    }
    if (j < catchers.length - 1) {
      mutants.push({
        id: `${name}: Catch[${j}] also names States.ALL`,
        apply: (d) => set(at(d), "ErrorEquals", [...at(d).ErrorEquals, STATES_ALL]),
      });
    }
    const skipped = (definition.States[catcher.Next] as { Next?: string }).Next;
    if (skipped !== undefined) {
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
  if (state.Type === "Choice") {
    mutants.push({
      id: `${name}: Choices[0] with a JSONata Condition`,
      apply: (d) => set(choiceAt(d, name).Choices[0], "Condition", "{% true %}"),
    });
  }
  return mutants;
}

/** A status write without one of the attributes the outbox needs, or announcing another event. */
function outboxMutants(name: string, state: TaskState): Mutant[] {
  const expression = String(state.Parameters?.UpdateExpression ?? "");
  const clauses = expression.replace(/^SET /, "").split(/, (?![^(]*\))/);
  const parameters = (d: AslDefinition) => taskAt(d, name).Parameters as Mutable;
  const mutants: Mutant[] = [
    {
      id: `${name}: eventType of another event`,
      apply: (d) =>
        set((parameters(d).ExpressionAttributeValues as Mutable)[":eventType"], "S", "OrderMaybe"),
    },
  ];
  for (const clause of clauses) {
    const attribute = /^#(\w+) =/.exec(clause)?.[1];
    if (attribute === undefined || !OUTBOX_ATTRIBUTES.has(attribute)) continue;
    mutants.push({
      id: `${name}: does not set ${attribute}`,
      apply: (d) => {
        set(parameters(d), "UpdateExpression", `SET ${without(clauses, clause).join(", ")}`);
        // The condition reads the status too; every other attribute's name and value go with its clause.
        if (attribute === "status") return;
        drop(parameters(d).ExpressionAttributeNames, `#${attribute}`);
        drop(parameters(d).ExpressionAttributeValues, `:${attribute}`);
      },
    });
  }
  return mutants;
}

function choiceMutants(name: string, state: ChoiceState): Mutant[] {
  const mutants: Mutant[] = [{ id: `${name}: no Default`, apply: (d) => drop(choiceAt(d, name), "Default") }];
  const defaults = new Set<string>();
  state.Choices.forEach((rule, k) => {
    const at = (d: AslDefinition) => choiceAt(d, name).Choices[k] as Mutable;
    mutants.push(
      { id: `${name}: drop Choices[${k}]`, apply: (d) => void choiceAt(d, name).Choices.splice(k, 1) },
      { id: `${name}: Choices[${k}] tests $.elsewhere`, apply: (d) => set(at(d), "Variable", "$.elsewhere") },
    );
    if (rule.Next !== state.Default) {
      mutants.push({
        id: `${name}: Choices[${k}] → ${state.Default}`,
        apply: (d) => set(at(d), "Next", state.Default),
      });
      if (!defaults.has(rule.Next)) {
        defaults.add(rule.Next);
        mutants.push({
          id: `${name}: Default → ${rule.Next}`,
          apply: (d) => set(choiceAt(d, name), "Default", rule.Next),
        });
      }
    }
    if (typeof (rule as { IsPresent?: unknown }).IsPresent === "boolean") {
      const negated = !(rule as { IsPresent: boolean }).IsPresent;
      mutants.push({
        id: `${name}: Choices[${k}] IsPresent ${negated}`,
        apply: (d) => set(at(d), "IsPresent", negated),
      });
    }
  });
  return mutants;
}

function passMutants(name: string, state: PassState): Mutant[] {
  const at = (d: AslDefinition) => d.States[name];
  const resultPath = String(state.ResultPath);
  const parent = resultPath.slice(0, resultPath.lastIndexOf("."));
  return [
    { id: `${name}: ResultPath $`, apply: (d) => set(at(d), "ResultPath", "$") },
    { id: `${name}: no ResultPath`, apply: (d) => drop(at(d), "ResultPath") },
    {
      id: `${name}: ResultPath ${parent}, over the other notes`,
      apply: (d) => set(at(d), "ResultPath", parent),
    },
    { id: `${name}: ResultPath $.note`, apply: (d) => set(at(d), "ResultPath", "$.note") },
  ];
}

/**
 * Removes a state from a path: every ordinary transition (Next, a Choice rule, a Default) goes past its
 * target instead, to the target's Next or, for a Choice, its Default.
 */
function skipMutants(definition: AslDefinition): Mutant[] {
  const mutants: Mutant[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    const edges: { label: string; to: string; retarget: (d: AslDefinition, to: string) => void }[] = [];
    if ("Next" in state && state.Next) {
      edges.push({ label: "Next", to: state.Next, retarget: (d, to) => set(d.States[name], "Next", to) });
    }
    if (state.Type === "Choice") {
      state.Choices.forEach((rule, k) => {
        edges.push({
          label: `Choices[${k}]`,
          to: rule.Next,
          retarget: (d, to) => set(choiceAt(d, name).Choices[k], "Next", to),
        });
      });
      if (state.Default) {
        edges.push({
          label: "Default",
          to: state.Default,
          retarget: (d, to) => set(choiceAt(d, name), "Default", to),
        });
      }
    }
    for (const { label, to, retarget } of edges) {
      const target = definition.States[to] as AslState;
      const past = target.Type === "Choice" ? target.Default : (target as { Next?: string }).Next;
      if (past !== undefined)
        mutants.push({ id: `${name}: ${label} skips ${to}`, apply: (d) => retarget(d, past) });
    }
  }
  return mutants;
}

/** Every compensation but the fence runs first: the failure paths enter it, and it leads to the fence. */
function reorderMutants(definition: AslDefinition, tasks: readonly TaskManifest[]): Mutant[] {
  const compensatorOf = new Map(
    tasks.flatMap((t) => (t.compensates ? [[t.compensates, t.stateName] as const] : [])),
  );
  const fence = happyPath(definition)
    .map((step) => compensatorOf.get(step))
    .find((c) => c !== undefined);
  if (fence === undefined) return [];
  return [...compensatorOf.values()]
    .filter((c) => c !== fence)
    .map((early) => ({
      id: `${early}: runs before the fence ${fence}`,
      apply: (d: AslDefinition) => {
        const after = taskAt(d, early).Next;
        for (const [name, state] of Object.entries(d.States)) {
          for (const c of "Catch" in state ? (state.Catch ?? []) : [])
            if (c.Next === fence && name !== early) c.Next = early;
          if ("Next" in state && state.Next === early) set(state, "Next", after);
          if (state.Type === "Choice") {
            for (const rule of state.Choices) if (rule.Next === early) set(rule, "Next", after);
            if (state.Default === early) set(state, "Default", after);
          }
        }
        set(taskAt(d, early), "Next", fence);
      },
    }));
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

/** A compensation that retries too little, or whose give-up goes to another status write than its own. */
function compensationMutants(definition: AslDefinition, name: string, state: TaskState): Mutant[] {
  const mutants: Mutant[] = [
    {
      id: `${name}: retries once per retrier`,
      apply: (d) => {
        for (const r of retriersAt(d, name)) r.MaxAttempts = 1;
      },
    },
  ];
  const writes = Object.keys(definition.States).filter((s) => {
    const other = definition.States[s] as AslState;
    return other.Type === "Task" && integrationOf(other.Resource) === "dynamodb-write";
  });
  for (const write of writes.filter((w) => !(state.Catch ?? []).some((c) => c.Next === w))) {
    mutants.push({
      id: `${name}: gives up into ${write}`,
      apply: (d) => {
        for (const c of catchersAt(d, name)) c.Next = write;
      },
    });
  }
  return mutants;
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
  if (integrationOf(state.Resource) === "dynamodb-write") {
    mutants.push(
      {
        id: `${name}: no ConditionExpression`,
        apply: (d) => drop(taskAt(d, name).Parameters, "ConditionExpression"),
      },
      ...outboxMutants(name, state),
    );
  }
  if (manifest?.compensates) mutants.push(...compensationMutants(definition, name, state));
  return mutants;
}

/**
 * Every required element of `definition`, broken one at a time. Generated from the definition and
 * the manifests, so a new state, Choice rule or retrier brings its own mutants.
 */
export function mutantsOf(definition: AslDefinition, tasks: readonly TaskManifest[]): Mutant[] {
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
    if (state.Type === "Choice") mutants.push(...choiceMutants(name, state));
    if (state.Type === "Pass") mutants.push(...passMutants(name, state));
  }
  mutants.push(...skipMutants(definition), ...reorderMutants(definition, tasks));
  return mutants;
}
