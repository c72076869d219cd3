import { type FSWatcher, watch } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TaskManifest } from "@orderflow/domain";
import { type TaskCode, taskModuleOf } from "@orderflow/local";
import { register, type ScopedImport } from "tsx/esm/api";
import type { ApiHandler } from "../api/gateway";
import type { EventHandler } from "../notify/rule";
import type { FunctionCode } from "./function-code";

interface Loaded {
  readonly tasks: ReadonlyMap<string, TaskCode>;
  readonly api: ApiHandler;
  readonly notify: EventHandler;
}

/** Where each module is resolved from: task packages are the runtime's dependencies, the rest ours. */
const RUNTIME_URL = import.meta.resolve("@orderflow/local");
const API_MODULE = "@orderflow/api/handler";
const NOTIFY_MODULE = "@orderflow/task-notify-customer/handler";

async function loadTask(manifest: TaskManifest, load: ScopedImport): Promise<TaskCode> {
  const module = (await load(taskModuleOf(manifest), RUNTIME_URL)) as Record<string, unknown>;
  if (manifest.kind === "lambda") return { kind: "lambda", handler: module.handler as never };
  return { kind: "container", entry: module.runContainerTask as never };
}

async function handlerOf(specifier: string, load: ScopedImport): Promise<never> {
  const module = (await load(specifier, import.meta.url)) as { handler: never };
  return module.handler;
}

/** The source folders a change in which reloads the code: each function's package, the domain, the kit. */
function sourceDirs(manifests: readonly TaskManifest[]): string[] {
  const fromRuntime = createRequire(fileURLToPath(RUNTIME_URL));
  const fromHere = createRequire(import.meta.url);
  const apiFile = fromHere.resolve(API_MODULE);
  const files = [
    ...manifests.map((m) => fromRuntime.resolve(taskModuleOf(m))),
    apiFile,
    fromHere.resolve(NOTIFY_MODULE),
    fromHere.resolve("@orderflow/domain"),
    createRequire(apiFile).resolve("@orderflow/task-kit"),
  ];
  return [...new Set(files.map((file) => dirname(file)))];
}

/** Code for one state that calls whatever code of that state is loaded now. */
function wrapper(manifest: TaskManifest, loaded: () => Loaded): TaskCode {
  const current = <K extends TaskCode["kind"]>(kind: K) => {
    const code = loaded().tasks.get(manifest.stateName);
    if (code?.kind !== kind) throw new Error(`no ${kind} code is loaded for ${manifest.stateName}`);
    return code as Extract<TaskCode, { kind: K }>;
  };
  return manifest.kind === "lambda"
    ? { kind: "lambda", handler: (event, context) => current("lambda").handler(event, context) }
    : { kind: "container", entry: (run, deps) => current("container").entry(run, deps) };
}

/** Generation 0 is an ordinary import: it shares modules the process has loaded already (the SDK, …). */
const firstImport: ScopedImport = (specifier, parentURL) =>
  import(pathToFileURL(createRequire(fileURLToPath(parentURL)).resolve(specifier)).href);

export interface ReloadingCode extends FunctionCode {
  /** Loads every function afresh (a new module graph); on failure the previous code keeps serving. */
  reload(): Promise<void>;
  /** Reloads whenever a TypeScript file under the functions' sources changes; returns the stop. */
  watch(report: (line: string) => void): () => void;
}

/**
 * Watch mode: every function's code is imported in a fresh tsx namespace, so a reload gets new module
 * instances of the handler and of everything it imports, while the runtime keeps calling the same
 * wrappers. Handlers read their environment at import, which the runtime set before the first load.
 */
export function reloadingCode(manifests: readonly TaskManifest[]): ReloadingCode {
  let current: Loaded | undefined;
  let generation = 0;
  const loaded = (): Loaded => {
    if (!current) throw new Error("the local cloud's functions are not loaded yet");
    return current;
  };
  const taskCode = Object.fromEntries(manifests.map((m) => [m.stateName, wrapper(m, loaded)]));
  async function loadWith(load: ScopedImport): Promise<void> {
    const tasks = await Promise.all(
      manifests.map(async (m) => [m.stateName, await loadTask(m, load)] as const),
    );
    current = {
      tasks: new Map(tasks),
      api: await handlerOf(API_MODULE, load),
      notify: await handlerOf(NOTIFY_MODULE, load),
    };
  }
  async function reload(): Promise<void> {
    generation += 1;
    // One namespace per generation: its modules share one graph, fresh from every earlier generation's.
    const scope = register({ namespace: `orderflow-reload-${generation}` });
    try {
      await loadWith(scope.import);
    } finally {
      await scope.unregister();
    }
  }
  return {
    taskCode,
    api: () => loaded().api,
    notify: () => loaded().notify,
    load: () => loadWith(firstImport),
    reload,
    watch(report) {
      let timer: NodeJS.Timeout | undefined;
      const changed = (file: string | null) => {
        if (file !== null && !file.endsWith(".ts")) return;
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const began = performance.now();
          try {
            await reload();
            report(`reloaded the functions' code in ${Math.round(performance.now() - began)} ms`);
          } catch (error) {
            report(`kept the previous code: the changed code does not load: ${(error as Error).message}`);
          }
        }, 150);
      };
      const watchers: FSWatcher[] = sourceDirs(manifests).map((dir) =>
        watch(dir, { recursive: true }, (_, f) => changed(f)),
      );
      return () => {
        clearTimeout(timer);
        for (const watcher of watchers) watcher.close();
      };
    },
  };
}
