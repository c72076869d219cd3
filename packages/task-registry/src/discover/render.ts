import type { TaskPackage } from "./task-packages";

/** The module every consumer reads the registered steps from; rendered, never edited by hand. */
export const REGISTRY_MODULE = "packages/task-registry/src/registry.ts";
export const REGISTRY_PACKAGE_JSON = "packages/task-registry/package.json";

const HEADER = [
  "// Rendered from the `orderflow` field of each packages/tasks/*/package.json by",
  "// `pnpm --filter @orderflow/task-registry write` (the task generator runs it); do not edit.",
];

/** `gift-wrap` → `giftWrap`, the import binding of a step's manifest. */
function bindingOf({ dir }: TaskPackage): string {
  const base = dir.slice(dir.lastIndexOf("/") + 1);
  return base.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The repository's formatter's line width: a longer import is written broken, as Biome writes it. */
const LINE_WIDTH = 110;

function importLine(binding: string, specifier: string): string {
  const line = `import { task as ${binding} } from "${specifier}";`;
  return line.length <= LINE_WIDTH ? line : `import {\n  task as ${binding},\n} from "${specifier}";`;
}

/** The steps among `packages`: those that name a state. */
export function workflowSteps(packages: readonly TaskPackage[]): TaskPackage[] {
  return packages.filter((p) => p.state !== undefined);
}

/**
 * The registry module: one import per step's manifest and one entry per step, in folder order, so a new
 * step adds exactly its own two lines.
 */
export function renderRegistry(packages: readonly TaskPackage[]): string {
  const steps = workflowSteps(packages);
  const imports = steps.map((p) => importLine(bindingOf(p), `${p.packageName}/task`));
  const entries = steps.map((p) =>
    [
      "  {",
      `    dir: "${p.dir}",`,
      `    owners: ${JSON.stringify(p.owners)},`,
      `    manifest: ${bindingOf(p)},`,
      "  },",
    ].join("\n"),
  );
  return [
    ...HEADER,
    ...imports,
    'import type { RegisteredTask } from "./registered-task";',
    "",
    "/** Every workflow step's package and manifest, in folder order. */",
    "export const REGISTERED_TASKS: readonly RegisteredTask[] = [",
    ...entries,
    "];",
    "",
  ].join("\n");
}

/**
 * The registry's package.json with one `workspace:*` dependency per step (and its other dependencies
 * as they are), so the workspace links every step into it and builds them before what depends on it.
 */
export function renderRegistryPackageJson(packageJson: string, packages: readonly TaskPackage[]): string {
  const parsed = JSON.parse(packageJson) as { dependencies?: Record<string, string> };
  const others = Object.entries(parsed.dependencies ?? {}).filter(
    ([name]) => !name.startsWith("@orderflow/task-"),
  );
  const steps = workflowSteps(packages).map((p) => [p.packageName, "workspace:*"] as const);
  const dependencies = Object.fromEntries([...others, ...steps].sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ ...parsed, dependencies }, null, 2)}\n`;
}
