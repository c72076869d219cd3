import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { writeRegistry } from "@orderflow/task-registry/discover";
import { CODEOWNERS_FILE, withOwnerRule } from "./codeowners";
import { GeneratorError } from "./generator-error";
import { checkTeam, DEFAULT_TEAM, type TaskNames, taskNames } from "./names";
import { renderTree, type TemplateVars } from "./render";
import { formatWithBiome } from "./tools";
import { taskKitVersions, taskStateNames, workspacePackages } from "./workspace";

/** The task package's templates, shipped with this package. */
export const TASK_TEMPLATES = fileURLToPath(new URL("../templates/task/", import.meta.url));

export interface GenerateOptions {
  /** The repository root (the folder with pnpm-workspace.yaml). */
  readonly root: string;
  /** kebab-case task name, e.g. `gift-wrap`. */
  readonly name: string;
  /**
   * The team that owns the package, as `@org/team`.
   * @default DEFAULT_TEAM
   */
  readonly team?: string;
  /**
   * Where the templates are.
   * @default TASK_TEMPLATES
   */
  readonly templates?: string;
}

export interface GeneratedTask {
  readonly names: TaskNames;
  readonly team: string;
  /** The package's files, relative to its folder. */
  readonly files: readonly string[];
  /** The line added to .github/CODEOWNERS. */
  readonly ownerRule: string;
  /** The task registry's files rewritten to list the new step (repository-relative). */
  readonly registryFiles: readonly string[];
}

/** Every value the templates may use; `version:<package>` pins come from task-kit. */
export function templateVars(names: TaskNames, team: string, versions: Record<string, string>): TemplateVars {
  return {
    name: names.name,
    packageName: names.packageName,
    pascalName: names.pascalName,
    camelName: names.camelName,
    team,
    description: "Acknowledges the order with the time it handled it.",
    ...Object.fromEntries(Object.entries(versions).map(([pkg, version]) => [`version:${pkg}`, version])),
  };
}

async function refuseTaken(root: string, names: TaskNames): Promise<void> {
  if (existsSync(join(root, names.dir))) {
    throw new GeneratorError(`${names.dir} already exists: choose another name, or remove that folder first`);
  }
  const packages = await workspacePackages(root);
  const holder = packages.get(names.packageName);
  if (holder)
    throw new GeneratorError(`${names.packageName} already exists (${holder}): choose another name`);
  const stateHolder = (await taskStateNames(root, packages)).get(names.pascalName);
  if (stateHolder) {
    throw new GeneratorError(
      `the state name ${names.pascalName} is already used by ${stateHolder}: choose a name that differs in more than hyphens`,
    );
  }
}

async function writeTree(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

/** Replaces a file's content by writing a sibling and renaming it over, so readers never see half of it. */
async function replaceFile(path: string, content: string): Promise<void> {
  const next = `${path}.task-generator-${process.pid}`;
  await writeFile(next, content);
  await rename(next, path);
}

/**
 * Scaffolds `packages/tasks/<name>`, registers it (its package.json's `orderflow` field, rendered into
 * the task registry) and gives it to `team` in CODEOWNERS. Everything that can be
 * refused is checked before the first write; the package is written and formatted in a hidden sibling
 * folder and renamed into place, so a failure leaves neither a half-written package nor a CODEOWNERS
 * rule for a package that is not there.
 *
 * @throws GeneratorError for a bad or taken name, a bad team, or a repository without task-kit/CODEOWNERS
 */
export async function generateTask(options: GenerateOptions): Promise<GeneratedTask> {
  const { root, templates = TASK_TEMPLATES } = options;
  const names = taskNames(options.name);
  const team = checkTeam(options.team ?? DEFAULT_TEAM);
  await refuseTaken(root, names);

  const codeownersPath = join(root, CODEOWNERS_FILE);
  const codeowners = await readFile(codeownersPath, "utf8").catch(() => {
    throw new GeneratorError(`${CODEOWNERS_FILE} is missing: the generator adds the package's owner to it`);
  });
  const ownedCodeowners = withOwnerRule(codeowners, names.dir, team);
  const files = await renderTree(templates, templateVars(names, team, await taskKitVersions(root)));

  const target = join(root, names.dir);
  await mkdir(dirname(target), { recursive: true });
  // Not mkdtemp: its 0700 would become the package folder's mode. mkdir honours the umask and refuses
  // an existing folder just the same.
  const staging = join(dirname(target), `.${names.name}-${randomUUID().slice(0, 8)}`);
  await mkdir(staging);
  try {
    await writeTree(staging, files);
    await formatWithBiome(root, relative(root, staging));
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let registryFiles: string[];
  try {
    registryFiles = await writeRegistry(root);
    await replaceFile(codeownersPath, ownedCodeowners);
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    // Renders the registry without the package again, so no entry is left for it.
    await writeRegistry(root);
    throw error;
  }
  const ownerRule = ownedCodeowners.split("\n").find((line) => line.startsWith(`/${names.dir}/`)) ?? "";
  return { names, team, files: files.map((file) => file.path), ownerRule, registryFiles };
}
