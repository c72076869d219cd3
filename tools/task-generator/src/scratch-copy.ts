import { cp, readFile, symlink } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * What a copy has no use for: history, caches, and the toolchain `./dev` fetched into .tools (200 MB; the
 * copy runs with the PATH of the process that made it) and the local cloud's state in .orderflow.
 */
const NOT_COPIED = new Set([".git", ".turbo", "coverage", ".tools", ".orderflow"]);

/** A task whose links a generated task takes: the same dependencies at the same depth. */
export const LINKS_LIKE = "packages/tasks/validate-order";

/**
 * Copies the repository at `from` (sources and built bundles) into the empty folder `to`, ready to run
 * without an install: a workspace package's node_modules holds only relative links (to its workspace
 * dependencies, and into the root node_modules' store), so each is copied as it is and the root
 * node_modules is linked to the original; the links then resolve inside the copy.
 */
export async function copyWorkspace(from: string, to: string): Promise<void> {
  const rootModules = join(from, "node_modules");
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => source !== rootModules && !NOT_COPIED.has(source.slice(source.lastIndexOf("/") + 1)),
  });
  await symlink(rootModules, join(to, "node_modules"), "dir");
}

async function dependenciesOf(root: string, dir: string): Promise<string[]> {
  const json = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as Record<string, object>;
  return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})].sort();
}

/**
 * Links a generated task package in a {@link copyWorkspace} copy as `pnpm install` would: its own
 * node_modules are {@link LINKS_LIKE}'s (refused when their dependencies differ), and the task registry
 * gains a link to it.
 */
export async function linkGeneratedTask(root: string, dir: string, packageName: string): Promise<void> {
  const [own, like] = await Promise.all([dependenciesOf(root, dir), dependenciesOf(root, LINKS_LIKE)]);
  if (JSON.stringify(own) !== JSON.stringify(like)) {
    throw new Error(
      `${dir} depends on ${own.join(", ")}, ${LINKS_LIKE} on ${like.join(", ")}: link them apart`,
    );
  }
  await cp(join(root, LINKS_LIKE, "node_modules"), join(root, dir, "node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  const link = join(root, "packages/task-registry/node_modules", packageName);
  await symlink(relative(join(link, ".."), join(root, dir)), link, "dir");
}

/** `tasks.ts` with `states` placed in FORWARD_STEPS right after `after`: the line a person adds per task. */
export function placeAfter(tasksTs: string, after: string, states: readonly string[]): string {
  const anchor = `  "${after}",\n`;
  if (!tasksTs.includes(anchor)) throw new Error(`FORWARD_STEPS has no line ${anchor.trim()}`);
  return tasksTs.replace(anchor, `${anchor}${states.map((s) => `  "${s}",\n`).join("")}`);
}
