import type { TaskManifest } from "@orderflow/domain";
import { importTaskModule, taskModuleOf } from "@orderflow/task-registry";
import type { ContainerEntry } from "./ecs-adapter";
import type { LambdaHandler } from "./lambda-adapter";

/** The code that serves a task state locally, loaded from the task's package. */
export type TaskCode =
  | { readonly kind: "lambda"; readonly handler: LambdaHandler }
  | { readonly kind: "container"; readonly entry: ContainerEntry };

// Handlers bind their environment (tables, endpoint) when first imported; a process can only serve
// one local runtime's environment.
let loadedFor: string | undefined;

export { taskModuleOf };

async function load(manifest: TaskManifest): Promise<TaskCode> {
  const specifier = taskModuleOf(manifest);
  // Through the registry, which depends on every step: a new step needs no dependency here.
  const module = await importTaskModule(manifest);
  if (manifest.kind === "lambda") {
    if (typeof module.handler !== "function")
      throw new Error(`${specifier} does not export a handler function`);
    return { kind: "lambda", handler: module.handler as LambdaHandler };
  }
  const entry = module.runContainerTask;
  if (typeof entry !== "function") {
    throw new Error(`${specifier} does not export runContainerTask({ taskToken, input }, { sfn })`);
  }
  return { kind: "container", entry: entry as ContainerEntry };
}

/**
 * Imports every task's code once per process, after the environment is set (except states whose code
 * `replacements` gives). `environmentKey` identifies
 * that environment; a second runtime with another one in the same process is refused with a clear error
 * instead of silently running handlers against the first runtime's tables.
 */
export async function loadTaskCode(
  manifests: readonly TaskManifest[],
  environmentKey: string,
  replacements: Readonly<Record<string, TaskCode>> = {},
): Promise<Map<string, TaskCode>> {
  if (loadedFor !== undefined && loadedFor !== environmentKey) {
    throw new Error(
      "the task handlers of this process already serve another local runtime (other DynamoDB endpoint or tables); run one local runtime per process",
    );
  }
  loadedFor = environmentKey;
  const codes = await Promise.all(
    manifests.map(async (m) => [m.stateName, replacements[m.stateName] ?? (await load(m))] as const),
  );
  return new Map(codes);
}
