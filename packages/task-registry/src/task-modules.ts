import type { TaskManifest } from "@orderflow/domain";

/** Where a step's code lives: `@orderflow/task-<name>/handler` or, for containers, `/container`. */
export function taskModuleOf(manifest: TaskManifest): string {
  return `@orderflow/task-${manifest.name}/${manifest.kind === "container" ? "container" : "handler"}`;
}

/**
 * Imports a step's code. The import is resolved from this package, which depends on every step, so a
 * runtime that loads steps need not list each of them.
 */
export async function importTaskModule(manifest: TaskManifest): Promise<Record<string, unknown>> {
  return (await import(taskModuleOf(manifest))) as Record<string, unknown>;
}
