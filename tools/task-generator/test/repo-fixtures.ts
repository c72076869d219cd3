import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** This repository's root: this file lives in tools/task-generator/test. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A new empty folder under the system's temporary folder, removed after the test file has run. */
export async function tempDir(purpose: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `task-generator-${purpose}-`));
  made.push(dir);
  return dir;
}

/** Files of the real repository a small fixture repository borrows, as they are. */
const BORROWED = [
  "pnpm-workspace.yaml",
  "biome.json",
  ".gitignore",
  ".github/CODEOWNERS",
  "packages/task-kit/package.json",
  "packages/tasks/validate-order/package.json",
  "packages/tasks/validate-order/src/task.ts",
  "packages/task-registry/package.json",
  "packages/task-registry/src/registry.ts",
];

/**
 * A throwaway repository with just what the generator reads: the workspace file, Biome's configuration,
 * CODEOWNERS, task-kit's pins, one real task, the task registry's rendered files, and a tools package named `@orderflow/task-generator`
 * (so the name `generator` is taken, as it is in the real repository). No node_modules: nothing here
 * installs or builds.
 */
export async function fixtureRepo(): Promise<string> {
  const root = await tempDir("fixture");
  for (const path of BORROWED) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await cp(join(REPO_ROOT, path), join(root, path));
  }
  await mkdir(join(root, "tools/task-generator"), { recursive: true });
  await writeFile(
    join(root, "tools/task-generator/package.json"),
    '{ "name": "@orderflow/task-generator" }\n',
  );
  return root;
}

/** Every file under `dir` with its content, so a test can tell that nothing at all changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile() || e.isDirectory())) {
    const path = join(entry.parentPath, entry.name).slice(dir.length + 1);
    files[path] = entry.isFile() ? await readFile(join(dir, path), "utf8") : "<dir>";
  }
  return files;
}
