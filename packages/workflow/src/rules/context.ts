import { BUSINESS_ERRORS, type DynamoAction, type TaskManifest } from "@orderflow/domain";
import { type AslDefinition, type Catcher, integrationOf, qualifiedName, walkStates } from "../asl";
import { errorsOf } from "./handlers";
import { executionPaths, type StatePath } from "./paths";
import { type SagaShape, sagaShape } from "./saga-shape";
import type { NamedTask, RuleContext } from "./types";

function tasksIn(definition: AslDefinition): NamedTask[] {
  return walkStates(definition).flatMap((entry) =>
    entry.state.Type === "Task" ? [{ name: qualifiedName(entry), state: entry.state }] : [],
  );
}

/** `compute` once, on first use. */
function once<T>(compute: () => T): () => T {
  let value: { readonly of: T } | undefined;
  return () => {
    value ??= { of: compute() };
    return value.of;
  };
}

export function ruleContext(
  definition: AslDefinition,
  tasks: readonly TaskManifest[],
  businessErrors: readonly string[] = BUSINESS_ERRORS,
): RuleContext {
  const compensatorOf = new Map<string, string>();
  for (const manifest of tasks)
    if (manifest.compensates) compensatorOf.set(manifest.compensates, manifest.stateName);
  const paths = once((): readonly StatePath[] => executionPaths(definition));
  const saga = once((): SagaShape => sagaShape(definition, compensatorOf, paths()));
  return {
    definition,
    tasks: tasksIn(definition),
    manifests: new Map(tasks.map((t) => [t.stateName, t])),
    businessErrors: new Set(businessErrors),
    compensatorOf,
    compensations: new Set(compensatorOf.values()),
    paths,
    saga,
  };
}

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
