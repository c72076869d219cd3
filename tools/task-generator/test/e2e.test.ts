import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { discoverTaskPackages, renderedRegistryFiles } from "@orderflow/task-registry/discover";
import {
  ownerMismatches,
  ownersNamedIn,
  packageDirs,
  parseCodeowners,
  ruleFor,
} from "@orderflow/workflow-lint";
import { beforeAll, describe, expect, it } from "vitest";
import { copyWorkspace, linkGeneratedTask, PLACEMENT_FILE, placeAfter, runCli } from "../src";
import { runCommand } from "../src/run-command";
import { childEnv } from "./child-env";
import { REPO_ROOT, tempDir } from "./repo-fixtures";

/*
 * The generator in a temporary copy of the whole repository (sources and built bundles, no install:
 * `copyWorkspace`), then the one line a person adds, then what every consumer of the task registry makes
 * of the new task. The new package is linked as `pnpm install` would (`linkGeneratedTask`); the
 * generator's own `pnpm install` step is tested against a stand-in pnpm (install.test.ts).
 */
const NAME = "loyalty-points";
const STATE = "LoyaltyPoints";
const TEAM = "@orderflow/loyalty-team";
const DIR = `packages/tasks/${NAME}`;

let copy = "";
let pkg = "";
let exitCode = -1;
let printed = "";

/** Folders no source file is in: installs, builds, history, caches, the fetched toolchain, local state. */
const NOT_SOURCES = new Set(["node_modules", "dist", ".git", ".turbo", "coverage", ".tools", ".orderflow"]);

/**
 * Every file under `root` outside {@link NOT_SOURCES} and the new package, by repository-relative path.
 * The walk never enters those folders: the root node_modules alone holds tens of thousands of files.
 */
async function sourceFiles(root: string, dir = ""): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isFile()) return [path];
      if (!entry.isDirectory() || NOT_SOURCES.has(entry.name) || path === DIR) return [];
      return sourceFiles(root, path);
    }),
  );
  return nested.flat();
}

/** The lines of `after` that `before` lacks, and those it lost (as multisets). */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const count = (lines: string[]) =>
    lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const [was, now] = [count(before.split("\n")), count(after.split("\n"))];
  const minus = (a: Map<string, number>, b: Map<string, number>) =>
    [...a].flatMap(([line, n]) => Array<string>(Math.max(0, n - (b.get(line) ?? 0))).fill(line));
  return { added: minus(now, was), removed: minus(was, now) };
}

/** One of the new package's scripts, the way `pnpm run` runs it in CI. */
function script(name: string) {
  return runCommand("pnpm", ["run", name], { cwd: pkg, env: childEnv() });
}

/** One of the workspace's tools, run in the new package. */
function exec(...command: string[]) {
  return runCommand("pnpm", ["exec", ...command], { cwd: pkg, env: childEnv() });
}

beforeAll(async () => {
  copy = await tempDir("e2e");
  await copyWorkspace(REPO_ROOT, copy);
  pkg = join(copy, DIR);
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
  exitCode = await runCli(["task", NAME, "--team", TEAM, "--skip-install"], io, { cwd: copy });
  printed = out.join("");
  if (exitCode !== 0) return;
  await linkGeneratedTask(copy, DIR, `@orderflow/task-${NAME}`);
  // The one line a person adds: the state name at its place in FORWARD_STEPS.
  const tasksTs = join(copy, PLACEMENT_FILE);
  await writeFile(tasksTs, placeAfter(await readFile(tasksTs, "utf8"), "ReserveInventory", [STATE]));
}, 120_000);

describe(`pnpm gen task ${NAME} in a copy of the repository`, () => {
  it("generates the package, and the copy links it the way pnpm would", () => {
    // Assess
    expect(exitCode, printed).toBe(0);
    expect(existsSync(join(pkg, "node_modules/@orderflow/task-kit/package.json"))).toBe(true);
    expect(existsSync(join(pkg, "node_modules/valibot/package.json"))).toBe(true);
    expect(
      existsSync(
        join(copy, "packages/task-registry/node_modules/@orderflow/task-loyalty-points/src/task.ts"),
      ),
    ).toBe(true);
  });

  it("changes outside the package only one hand-written line, the rest rendered from the registry", async () => {
    // Prepare
    const [before, after] = await Promise.all([sourceFiles(REPO_ROOT), sourceFiles(copy)]);
    const changed: Record<string, { added: string[]; removed: string[] }> = {};

    // Act
    for (const path of new Set([...before, ...after])) {
      const [was, now] = await Promise.all(
        [REPO_ROOT, copy].map((root) => readFile(join(root, path), "utf8").catch(() => "")),
      );
      if (was !== now) changed[path] = lineDiff(was as string, now as string);
    }

    // Assess
    const rendered = await renderedRegistryFiles(copy);
    expect(Object.keys(changed).sort()).toEqual(
      [".github/CODEOWNERS", PLACEMENT_FILE, ...rendered.map((f) => f.path)].sort(),
    );
    expect(changed[PLACEMENT_FILE]).toEqual({ added: [`  "${STATE}",`], removed: [] });
    for (const file of rendered) expect(file.current, file.path).toBe(file.expected);
    expect(changed[".github/CODEOWNERS"]?.added.map((line) => line.replace(/\s+/g, " "))).toEqual([
      `/${DIR}/ ${TEAM}`,
    ]);
  });

  // The workspace lints and typechecks as a whole (`pnpm lint`, `pnpm typecheck`); here the same tools,
  // with the same configuration, over the new package alone.
  it("passes lint", async () => {
    // Act
    const result = await exec("biome", "check", "--error-on-warnings", ".");

    // Assess
    expect(result.code, result.output).toBe(0);
  });

  it("passes typecheck", async () => {
    // Act
    const result = await exec("tsc", "-p", "tsconfig.json");

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

  it("declares the default manifest", async () => {
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

  it("registers the package with its owners, whom its CODEOWNERS rule and README name", async () => {
    // Prepare
    const rules = parseCodeowners(await readFile(join(copy, ".github/CODEOWNERS"), "utf8"));
    const readme = await readFile(join(pkg, "README.md"), "utf8");

    // Act
    const registered = await discoverTaskPackages(copy);

    // Assess
    expect(await packageDirs(copy)).toContain(DIR);
    expect(registered.find((p) => p.dir === DIR)).toEqual({
      dir: DIR,
      packageName: `@orderflow/task-${NAME}`,
      owners: [TEAM],
      state: STATE,
    });
    expect(ownerMismatches(rules, registered)).toEqual([]);
    expect(ruleFor(rules, `${DIR}/src/task.ts`)?.owners).toEqual([TEAM]);
    expect(ownersNamedIn(readme)).toEqual([TEAM]);
  });

  it("is a step of the copy's workflow, deployed by its infra and served by its local runtime", async () => {
    // Act
    const probe = await runCommand(
      join(REPO_ROOT, "node_modules/.bin/tsx"),
      [join(REPO_ROOT, "tools/task-generator/test/support/probe-registry.ts"), copy, STATE],
      { cwd: copy, env: childEnv() },
    );

    // Assess
    expect(probe.code, probe.output).toBe(0);
    const seen = JSON.parse(probe.output.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(seen).toEqual({
      workflowTasks: [
        "ValidateOrder",
        "ReserveInventory",
        STATE,
        "ChargePayment",
        "CreateShipment",
        "ReleaseInventory",
        "RefundPayment",
      ],
      stateBefore: "ReserveInventory",
      stateNext: "ChargePayment",
      ruleViolations: 0,
      localHandler: "function",
      functions: [expect.stringMatching(/loyalty-points/)],
    });
  }, 60_000);

  it("prints the one line that puts the task into the workflow", () => {
    // Assess
    expect(printed).toContain("One step left: put it into the workflow, one line at its place in the saga");
    expect(printed).toContain(`${PLACEMENT_FILE}: add "${STATE}", to FORWARD_STEPS`);
  });
});
