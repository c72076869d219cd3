import type { TaskManifest } from "@orderflow/domain";
import type { TableNames } from "@orderflow/dynamodb-local";
import {
  type AslDefinition,
  parseFunctionArn,
  parseResource,
  taskDefinitionFamily,
  walkStates,
} from "@orderflow/workflow/asl";
import type { TaskState } from "./integrations";
import { LOCAL_NAME } from "./local-refs";

/** What this project offers a definition that was not built from its workflow. */
export interface ProjectResources {
  readonly manifests: readonly TaskManifest[];
  readonly tables: TableNames;
  readonly eventBusName: string;
}

/** Where each Task state goes: the manifest whose code serves it (Lambda and container states). */
export type TaskTargets = ReadonlyMap<string, TaskManifest | undefined>;

type Parameters = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Parameters =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A function's local names: `orderflow-local-<StateName>` (as the local definition's ARNs say) and `<name>`. */
function functionsByName(manifests: readonly TaskManifest[]): Map<string, TaskManifest> {
  return new Map(
    manifests
      .filter((m) => m.kind === "lambda")
      .flatMap((m) => [[`${LOCAL_NAME}-${m.stateName}`, m] as const, [m.name, m] as const]),
  );
}

/** The function a name or ARN means: `name`, `name:qualifier`, or a function ARN. */
function functionNameOf(reference: string): string {
  return parseFunctionArn(reference)?.name ?? reference.split(":")[0] ?? reference;
}

function staticString(parameters: Parameters, key: string): string | undefined | null {
  if (`${key}.$` in parameters) return null;
  const value = parameters[key];
  return typeof value === "string" ? value : undefined;
}

type Check = { readonly manifest?: TaskManifest } | { readonly problem: string };

function lambdaTarget(state: TaskState, parameters: Parameters, functions: Map<string, TaskManifest>): Check {
  const parsed = parseResource(state.resource);
  const reference =
    parsed.kind === "function" ? parsed.function.name : staticString(parameters, "FunctionName");
  if (reference === null) return { problem: "names its function with FunctionName.$; name it statically" };
  const manifest = reference === undefined ? undefined : functions.get(functionNameOf(reference));
  if (manifest) return { manifest };
  return {
    problem: `invokes ${reference ?? "no FunctionName"}, which is not a function of this project (${[...functions.keys()].join(", ")})`,
  };
}

function containerTarget(parameters: Parameters, manifests: readonly TaskManifest[]): Check {
  const taskDefinition = staticString(parameters, "TaskDefinition");
  const family = typeof taskDefinition === "string" ? taskDefinitionFamily(taskDefinition) : undefined;
  const manifest = manifests.find((m) => m.kind === "container" && `${LOCAL_NAME}-${m.name}` === family);
  if (manifest) return { manifest };
  const families = manifests.filter((m) => m.kind === "container").map((m) => `${LOCAL_NAME}-${m.name}`);
  return {
    problem: `runs task definition ${String(taskDefinition)}, not one of ${families.join(", ") || "none"}`,
  };
}

function tableTarget(parameters: Parameters, tables: TableNames): Check {
  const table = staticString(parameters, "TableName");
  if (typeof table === "string" && Object.values(tables).includes(table)) return {};
  return { problem: `uses table ${String(table)}, not one of ${Object.values(tables).join(", ")}` };
}

function busTarget(parameters: Parameters, bus: string): Check {
  const entries = Array.isArray(parameters.Entries) ? parameters.Entries : [];
  const wrong = entries.filter((e) => !isRecord(e) || staticString(e, "EventBusName") !== bus);
  return entries.length > 0 && wrong.length === 0
    ? {}
    : { problem: `must put its Entries on the event bus ${bus} (EventBusName, stated in every entry)` };
}

/**
 * Checks that every Task state of a definition uses this project's functions, containers, tables or bus,
 * and finds the manifest whose code serves each Lambda and container state. Everything else is named in
 * `problems` (one line per state), so a definition is refused before it could fail half-way.
 */
export function taskTargets(
  definition: AslDefinition,
  taskStates: readonly TaskState[],
  project: ProjectResources,
): { readonly targets: TaskTargets; readonly problems: readonly string[] } {
  const parametersOf = new Map(
    walkStates(definition).map(({ name, state }) => [
      name,
      isRecord((state as { Parameters?: unknown }).Parameters)
        ? (state as { Parameters: Parameters }).Parameters
        : {},
    ]),
  );
  const functions = functionsByName(project.manifests);
  const targets = new Map<string, TaskManifest | undefined>();
  const problems: string[] = [];
  for (const state of taskStates) {
    const parameters = parametersOf.get(state.name) ?? {};
    const check: Check =
      state.integration === "lambda"
        ? lambdaTarget(state, parameters, functions)
        : state.integration === "ecs"
          ? containerTarget(parameters, project.manifests)
          : state.integration === "dynamodb"
            ? tableTarget(parameters, project.tables)
            : busTarget(parameters, project.eventBusName);
    if ("problem" in check) problems.push(`state ${state.name} ${check.problem}`);
    else targets.set(state.name, check.manifest);
  }
  return { targets, problems };
}
