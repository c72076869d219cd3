/**
 * The task packages' boundary: a task builds on the shared libraries (`@orderflow/domain`,
 * `@orderflow/task-kit`, `@orderflow/inventory`, `@orderflow/payments`) and never on another task, so
 * each team can change its task without reaching into another's, and no Lambda bundle carries another
 * task's code. Checked on every task's package.json and on the imports of its `src/` and `test/` files.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { packageDirs, REPO_ROOT } from "./repo";

/** One place a task reaches another task package. */
export interface BoundaryViolation {
  /** Repository-relative: the package.json that lists it, or the source file that imports it. */
  readonly file: string;
  /** The dependency name or import specifier. */
  readonly specifier: string;
}

const TASK_PACKAGE = /^@orderflow\/task-(?!kit(?:\/|$))[^/]+/;
const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const SOURCE_DIRS = ["src", "test"];

/** The task package `specifier` names (`@orderflow/task-charge-payment` for `…/gateway`); task-kit is none. */
export function taskPackageOf(specifier: string): string | undefined {
  return TASK_PACKAGE.exec(specifier)?.[0];
}

// Comments go first, so that an import written in one is not taken for code; `//` after `:` or a quote
// starts no comment (a URL in a string).
const COMMENTS = /\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/[^\n]*/g;
const IMPORTS = [
  // import x from "m", import type { X } from "m", export { x } from "m", export * from "m"
  /(?:^|[;\s])(?:import|export)\s[\w$*{},\s]*?from\s*["']([^"']+)["']/g,
  // import "m"
  /(?:^|[;\s])import\s*["']([^"']+)["']/g,
  // import("m"), require("m")
  /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** Every module specifier a TypeScript or JavaScript source imports or re-exports, type-only ones too. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(COMMENTS, "");
  return IMPORTS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] as string));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
      return SOURCE_FILE.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** The violations of one task package at `dir` (repository-relative) whose own name is `self`. */
async function violationsOf(root: string, dir: string): Promise<BoundaryViolation[]> {
  const manifest = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const self = manifest.name;
  const foreign = (specifier: string) => {
    const task = taskPackageOf(specifier);
    return task !== undefined && task !== self;
  };
  const declared = DEPENDENCY_FIELDS.flatMap((field) =>
    Object.keys((manifest[field] as object | undefined) ?? {}),
  );
  const violations = declared
    .filter(foreign)
    .map((specifier) => ({ file: `${dir}/package.json`, specifier }));
  for (const sub of SOURCE_DIRS) {
    for (const path of await sourceFiles(join(root, dir, sub))) {
      const imported = importSpecifiers(await readFile(path, "utf8")).filter(foreign);
      for (const specifier of imported) violations.push({ file: relative(root, path), specifier });
    }
  }
  return violations;
}

/** Every place a workspace task package (under `packages/tasks/`) depends on or imports another task. */
export async function taskBoundaryViolations(root = REPO_ROOT): Promise<BoundaryViolation[]> {
  const tasks = (await packageDirs(root)).filter((dir) => dir.startsWith("packages/tasks/"));
  return (await Promise.all(tasks.map((dir) => violationsOf(root, dir)))).flat();
}

/** A violation as a person reads it: `packages/tasks/a/src/core.ts imports @orderflow/task-b/ledger`. */
export function formatViolation({ file, specifier }: BoundaryViolation): string {
  return file.endsWith("package.json")
    ? `${file} depends on ${specifier}: a task depends on no other task; move what both need into a library`
    : `${file} imports ${specifier}: a task imports no other task; move what both need into a library`;
}
