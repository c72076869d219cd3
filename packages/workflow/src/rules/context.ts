import { BUSINESS_ERRORS, type DynamoAction, type TaskManifest } from "@orderflow/domain";
import {
  type AslDefinition,
  type Catcher,
  integrationOf,
  qualifiedName,
  type Retrier,
  STATES_ALL,
  walkStates,
} from "../asl";
import type { NamedTask, RuleContext } from "./types";

function tasksIn(definition: AslDefinition): NamedTask[] {
  return walkStates(definition).flatMap((entry) =>
    entry.state.Type === "Task" ? [{ name: qualifiedName(entry), state: entry.state }] : [],
  );
}

export function ruleContext(
  definition: AslDefinition,
  tasks: readonly TaskManifest[],
  businessErrors: readonly string[] = BUSINESS_ERRORS,
): RuleContext {
  const compensatorOf = new Map<string, string>();
  for (const manifest of tasks)
    if (manifest.compensates) compensatorOf.set(manifest.compensates, manifest.stateName);
  return {
    definition,
    tasks: tasksIn(definition),
    manifests: new Map(tasks.map((t) => [t.stateName, t])),
    businessErrors: new Set(businessErrors),
    compensatorOf,
    compensations: new Set(compensatorOf.values()),
  };
}

export const retriersOf = (state: { Retry?: Retrier[] }): Retrier[] =>
  Array.isArray(state.Retry) ? state.Retry : [];

export const catchersOf = (state: { Catch?: Catcher[] }): Catcher[] =>
  Array.isArray(state.Catch) ? state.Catch : [];

export const errorsOf = (handler: { ErrorEquals?: unknown }): string[] =>
  Array.isArray(handler.ErrorEquals) ? (handler.ErrorEquals as string[]) : [];

/** One retrier or catcher of a task, with where it stands in its list. */
export interface ErrorHandlerAt {
  readonly field: "Retry" | "Catch";
  readonly index: number;
  readonly errors: string[];
  readonly last: boolean;
}

/** Every retrier of `state`, then every catcher, each with its list, position and errors. */
export function errorHandlersOf(state: { Retry?: Retrier[]; Catch?: Catcher[] }): ErrorHandlerAt[] {
  return (
    [
      ["Retry", retriersOf(state)],
      ["Catch", catchersOf(state)],
    ] as const
  ).flatMap(([field, handlers]) =>
    handlers.map((handler, index) => ({
      field,
      index,
      errors: errorsOf(handler),
      last: index === handlers.length - 1,
    })),
  );
}

export const catchesAll = (catchers: readonly Catcher[]): boolean =>
  catchers.at(-1) !== undefined && errorsOf(catchers.at(-1) as Catcher).includes(STATES_ALL);

const READ_ACTIONS = new Set<DynamoAction>(["GetItem", "BatchGetItem", "Query", "ConditionCheckItem"]);

/**
 * Whether a task changes anything outside the execution. A task with a manifest writes when it may
 * write a table or runs as a container; without one, anything but a DynamoDB read counts as a write.
 */
export function hasSideEffects(context: RuleContext, name: string, resource: string): boolean {
  const manifest = context.manifests.get(name);
  if (manifest) {
    if (manifest.kind === "container") return true;
    return Object.values(manifest.tables).some((actions) => actions?.some((a) => !READ_ACTIONS.has(a)));
  }
  return integrationOf(resource) !== "dynamodb-read";
}

/** Business errors a task can end with: its manifest's, and any a catcher of it names. */
export function businessErrorsOf(
  context: RuleContext,
  name: string,
  catchers: readonly Catcher[],
): Set<string> {
  const errors = new Set<string>(context.manifests.get(name)?.errors ?? []);
  for (const catcher of catchers) {
    for (const error of errorsOf(catcher)) if (context.businessErrors.has(error)) errors.add(error);
  }
  return errors;
}
