import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The repository root: this file lives in tools/workflow-lint/src. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const WORKFLOWS_DIR = ".github/workflows";

/** Workflow files, as repository-relative paths in name order. */
export async function workflowFiles(root = REPO_ROOT): Promise<string[]> {
  const names = await readdir(join(root, WORKFLOWS_DIR));
  return names
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => `${WORKFLOWS_DIR}/${name}`);
}

/**
 * The workspace's package folders, repository-relative, from the `packages:` globs of
 * pnpm-workspace.yaml (`dir/*` and plain folders, the only forms this repository uses).
 */
export async function packageDirs(root = REPO_ROOT): Promise<string[]> {
  const workspace = parse(await readFile(join(root, "pnpm-workspace.yaml"), "utf8")) as {
    packages?: string[];
  };
  const dirs: string[] = [];
  for (const pattern of workspace.packages ?? []) {
    if (!pattern.endsWith("/*")) {
      if (await hasPackageJson(join(root, pattern))) dirs.push(pattern);
      continue;
    }
    const parent = join(root, pattern.slice(0, -2));
    for (const entry of await readdir(parent, { withFileTypes: true }).catch(() => [])) {
      const dir = join(parent, entry.name);
      if (entry.isDirectory() && (await hasPackageJson(dir))) dirs.push(relative(root, dir));
    }
  }
  return dirs.sort();
}

async function hasPackageJson(dir: string): Promise<boolean> {
  return readFile(join(dir, "package.json")).then(
    () => true,
    () => false,
  );
}
