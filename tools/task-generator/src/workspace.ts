import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { GeneratorError } from "./generator-error";

const WORKSPACE_FILE = "pnpm-workspace.yaml";

/** The package every task builds on; its pinned versions are the ones tasks pin too (one SDK per bundle). */
export const TASK_KIT_DIR = "packages/task-kit";

/** The workspace root: the nearest folder at or above `from` that holds pnpm-workspace.yaml. */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, WORKSPACE_FILE))) return dir;
    if (dirname(dir) === dir) {
      throw new GeneratorError(
        `no ${WORKSPACE_FILE} at or above ${from}: run the generator inside the repository`,
      );
    }
  }
}

interface PackageJson {
  readonly name?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

async function readPackageJson(dir: string): Promise<PackageJson | undefined> {
  const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as PackageJson);
}

/**
 * Every workspace package by name → its repository-relative folder, from the `packages:` globs of
 * pnpm-workspace.yaml (`dir/*` and plain folders, the forms this repository uses).
 */
export async function workspacePackages(root: string): Promise<Map<string, string>> {
  const workspace = parse(await readFile(join(root, WORKSPACE_FILE), "utf8")) as { packages?: string[] };
  const dirs: string[] = [];
  for (const pattern of workspace.packages ?? []) {
    if (!pattern.endsWith("/*")) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    const entries = await readdir(join(root, parent), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
  }
  const packages = new Map<string, string>();
  for (const dir of dirs) {
    const name = (await readPackageJson(join(root, dir)))?.name;
    if (name) packages.set(name, dir);
  }
  return packages;
}

/** The exact versions packages/task-kit pins for its registry dependencies, by package name. */
export async function taskKitVersions(root: string): Promise<Record<string, string>> {
  const kit = await readPackageJson(join(root, TASK_KIT_DIR));
  if (!kit)
    throw new GeneratorError(`${TASK_KIT_DIR}/package.json is missing: tasks take their versions from it`);
  return Object.fromEntries(
    Object.entries(kit.dependencies ?? {}).filter(([, version]) => !version.startsWith("workspace:")),
  );
}

/**
 * The state name of every task package, by state name → folder, from the `stateName: "..."` literals in
 * its `src` (a task may keep its manifests in more than one module). Read as text rather than imported,
 * so a broken task cannot stop the generator.
 */
export async function taskStateNames(
  root: string,
  packages: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const dir of packages.values()) {
    if (!dir.startsWith("packages/tasks/")) continue;
    const src = join(root, dir, "src");
    const files = (await readdir(src, { recursive: true }).catch(() => [])).filter((f) => f.endsWith(".ts"));
    for (const file of files) {
      const text = await readFile(join(src, file), "utf8");
      for (const match of text.matchAll(/\bstateName:\s*"([^"]+)"/g)) states.set(match[1] as string, dir);
    }
  }
  return states;
}
