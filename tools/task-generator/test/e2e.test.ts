import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ownersNamedIn, packageDirs, parseCodeowners, ruleFor } from "@orderflow/workflow-lint";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { runCli } from "../src";
import { type CommandResult, runCommand } from "../src/run-command";
import { childEnv } from "./child-env";
import { REPO_ROOT, tempDir } from "./repo-fixtures";

/*
 * The generator in a temporary copy of the repository, with what a task package needs and nothing more:
 * the root configuration, the lockfile, and the three packages a task depends on. Then the new package's
 * own scripts run there.
 *
 * Installing must work offline and fast. pnpm cannot resolve a new package's dependencies offline unless
 * its metadata cache happens to hold them (CI restores the store, not that cache), even when the
 * lockfile already has those exact versions. So the test gives the new package the lockfile entry of the
 * existing tasks' identical pins (failing if one is missing: a pin no task has) and installs the copy
 * with `pnpm install --offline --frozen-lockfile`, from the store alone. The generator's own
 * `pnpm install` step is tested against a stand-in pnpm (install.test.ts).
 */
const ROOT_FILES = [
  "package.json",
  "pnpm-workspace.yaml",
  "pnpm-lock.yaml",
  ".npmrc",
  ".pnpmfile.cjs",
  ".gitignore",
  "tsconfig.base.json",
  "biome.json",
  ".github/CODEOWNERS",
];
// `patches/` too: the workspace's patched dependencies must find their patch files to install.
const PACKAGES = ["packages/domain", "packages/task-kit", "packages/dynamodb-local", "patches"];
const NOT_COPIED = new Set(["node_modules", ".turbo", "dist", "coverage"]);

const NAME = "loyalty-points";
const TEAM = "@orderflow/loyalty-team";

let copy = "";
let pkg = "";
let exitCode = -1;
let printed = "";
let install: CommandResult = { code: -1, output: "" };

async function copyRepository(): Promise<string> {
  const root = await tempDir("e2e");
  for (const file of ROOT_FILES.filter((f) => existsSync(join(REPO_ROOT, f)))) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await cp(join(REPO_ROOT, file), join(root, file));
  }
  for (const dir of PACKAGES) {
    await cp(join(REPO_ROOT, dir), join(root, dir), {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(basename(source)),
    });
  }
  return root;
}

/**
 * Adds `dir`'s importer to the copy's lockfile, each dependency taken from a task importer that has
 * the same specifier (task importers share the depth, so their `link:` paths fit too).
 */
async function lockPackage(root: string, dir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
  const lockfile = parseDocument(await readFile(join(root, "pnpm-lock.yaml"), "utf8"));
  const importers = lockfile.toJS().importers as Record<string, Record<string, Record<string, Locked>>>;
  const taskImporters = Object.entries(importers).filter(([path]) => path.startsWith("packages/tasks/"));
  const entry: Record<string, Record<string, Locked>> = {};
  for (const group of ["dependencies", "devDependencies"]) {
    for (const [name, specifier] of Object.entries(manifest[group] ?? {})) {
      const locked = taskImporters
        .map(([, importer]) => importer[group]?.[name])
        .find((candidate) => candidate?.specifier === specifier);
      if (!locked)
        throw new Error(`no task in the lockfile has ${name}@${specifier}; the generated pin is new`);
      entry[group] = { ...entry[group], [name]: locked };
    }
  }
  lockfile.setIn(["importers", dir], lockfile.createNode(entry));
  await writeFile(join(root, "pnpm-lock.yaml"), lockfile.toString());
}

interface Locked {
  readonly specifier: string;
  readonly version: string;
}

/** One of the new package's scripts, the way `pnpm run` runs it in CI. */
function script(name: string) {
  return runCommand("pnpm", ["run", name], { cwd: pkg, env: childEnv() });
}

beforeAll(async () => {
  copy = await copyRepository();
  pkg = join(copy, "packages/tasks", NAME);
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
  exitCode = await runCli(["task", NAME, "--team", TEAM, "--skip-install"], io, { cwd: copy });
  printed = out.join("");
  if (exitCode !== 0) return;
  await lockPackage(copy, `packages/tasks/${NAME}`);
  install = await runCommand("pnpm", ["install", "--offline", "--frozen-lockfile"], {
    cwd: copy,
    env: childEnv(),
  });
}, 120_000);

describe(`pnpm gen task ${NAME} in a copy of the repository`, () => {
  it("generates the package, whose pins the workspace has locked already, and installs offline", () => {
    // Assess
    expect(exitCode, printed).toBe(0);
    expect(install.code, install.output).toBe(0);
    expect(existsSync(join(pkg, "node_modules/@orderflow/task-kit/package.json"))).toBe(true);
    expect(existsSync(join(pkg, "node_modules/valibot/package.json"))).toBe(true);
  });

  it("passes lint", async () => {
    // Act
    const result = await script("lint");

    // Assess
    expect(result.code, result.output).toBe(0);
  });

  it("passes typecheck", async () => {
    // Act
    const result = await script("typecheck");

    // Assess
    expect(result.code, result.output).toBe(0);
  });

  it("passes its tests, on DynamoDB Local", async () => {
    // Act
    const result = await script("test");

    // Assess
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Tests\s+5 passed/);
  }, 60_000);

  it("builds a Lambda bundle that answers its benchmark fixture's event", async () => {
    // Prepare
    const build = await script("build");
    const invoke = [
      `const { handler } = await import(${JSON.stringify(pathToFileURL(join(pkg, "dist/handler.mjs")).href)});`,
      'const result = await handler({ orderId: "ord_E2E1" });',
      'process.stderr.write("RESULT " + JSON.stringify(result));',
    ].join("\n");

    // Act
    const run = await runCommand(process.execPath, ["--input-type=module", "-e", invoke], {
      cwd: pkg,
      env: childEnv(),
    });

    // Assess
    expect(build.code, build.output).toBe(0);
    expect(run.code, run.output).toBe(0);
    const result = JSON.parse(run.output.slice(run.output.indexOf("RESULT ") + 7)) as Record<string, string>;
    expect(result.orderId).toBe("ord_E2E1");
    expect(Number.isNaN(Date.parse(result.handledAt ?? ""))).toBe(false);
  });

  it("declares the manifest the issue asks for", async () => {
    // Act
    const { task } = (await import(pathToFileURL(join(pkg, "src/task.ts")).href)) as { task: unknown };

    // Assess
    expect(task).toEqual({
      name: NAME,
      stateName: "LoyaltyPoints",
      kind: "lambda",
      description: expect.any(String),
      memoryMb: 256,
      timeoutSeconds: 5,
      tables: {},
      env: {},
      retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 },
      errors: [],
      retryableErrors: [],
    });
  });

  it("gives the package its own CODEOWNERS rule, and its README names the same owners", async () => {
    // Prepare
    const rules = parseCodeowners(await readFile(join(copy, ".github/CODEOWNERS"), "utf8"));
    const readme = await readFile(join(pkg, "README.md"), "utf8");

    // Act
    const dirs = await packageDirs(copy);

    // Assess
    expect(dirs).toContain(`packages/tasks/${NAME}`);
    expect(ruleFor(rules, `packages/tasks/${NAME}/src/task.ts`)?.owners).toEqual([TEAM]);
    expect(ownersNamedIn(readme)).toEqual([TEAM]);
  });

  it("prints the one step that puts the task into the workflow", () => {
    // Assess
    expect(printed).toContain("One step left: put it into the workflow");
    expect(printed).toContain(
      'packages/workflow/src/order/tasks.ts: import { task as loyaltyPoints } from "@orderflow/task-loyalty-points/task";',
    );
    expect(printed).toContain("packages/workflow/src/order/task-io.ts: a TASK_IO entry for LoyaltyPoints");
  });
});
