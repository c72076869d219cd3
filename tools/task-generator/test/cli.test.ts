import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, USAGE } from "../src";
import { runCommand } from "../src/run-command";
import { childEnv } from "./child-env";
import { fixtureRepo, REPO_ROOT, snapshot } from "./repo-fixtures";

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

describe("runCli", () => {
  it("prints the usage for --help and exits 0", async () => {
    // Prepare
    const { io, out } = captureIo();

    // Act
    const code = await runCli(["--help"], io, { cwd: REPO_ROOT });

    // Assess
    expect(code).toBe(0);
    expect(out()).toBe(USAGE);
  });

  it.each([
    [[], "what to generate?"],
    [["widget", "x"], 'unknown generator "widget"; the only one is "task"'],
    [["task"], "the task needs a name"],
    [["task", "a", "b"], "unexpected arguments: b"],
    [["task", "a", "--tem", "@o/t"], "Unknown option '--tem'"],
    [["task", "a", "--team"], "Option '--team <value>' argument missing"],
  ])("exits 2 with the usage for the command line %j", async (argv, message) => {
    // Prepare
    const { io, out, err } = captureIo();

    // Act
    const code = await runCli(argv, io, { cwd: REPO_ROOT });

    // Assess
    expect(code).toBe(2);
    expect(err()).toContain(`error: ${message}`);
    expect(err()).toContain(USAGE);
    expect(out()).toBe("");
  });

  it("exits 1 with the reason for a bad name and creates nothing", async () => {
    // Prepare
    const root = await fixtureRepo();
    const before = await snapshot(root);
    const { io, out, err } = captureIo();

    // Act
    const code = await runCli(["task", "GiftWrap"], io, { cwd: join(root, "packages") });

    // Assess
    expect(code).toBe(1);
    expect(err()).toMatch(/^error: task name "GiftWrap" is not kebab-case/);
    expect(out()).toBe("");
    expect(await snapshot(root)).toEqual(before);
  });

  it("reports what it created, the skipped install and the one workflow step", async () => {
    // Prepare
    const root = await fixtureRepo();
    const { io, out, err } = captureIo();

    // Act
    const code = await runCli(
      ["task", "gift-wrap", "--team", "@orderflow/gifts-team", "--skip-install"],
      io,
      {
        cwd: root,
      },
    );

    // Assess
    expect(code).toBe(0);
    expect(err()).toBe("");
    expect(out()).toContain(
      "Created packages/tasks/gift-wrap (@orderflow/task-gift-wrap), owned by @orderflow/gifts-team:",
    );
    expect(out()).toContain(".github/CODEOWNERS: added /packages/tasks/gift-wrap/ @orderflow/gifts-team\n");
    expect(out()).toContain(
      "Skipped pnpm install: run it before you build the package; pnpm-lock.yaml then gains",
    );
    expect(out()).toContain(
      "Check it: pnpm lint && pnpm typecheck && pnpm turbo run build test --filter=@orderflow/task-gift-wrap",
    );
    expect(out()).toContain(
      "task registry: rewrote packages/task-registry/src/registry.ts, packages/task-registry/package.json\n",
    );
    expect(out()).toContain('packages/workflow/src/order/tasks.ts: add "GiftWrap", to FORWARD_STEPS');
    expect(out()).not.toContain("note:");
    expect(await readdir(join(root, "packages/tasks/gift-wrap"))).toContain("package.json");
  });

  it("warns that the default owner must become a product team before merging", async () => {
    // Prepare
    const root = await fixtureRepo();
    const { io, out } = captureIo();

    // Act
    const code = await runCli(["task", "gift-wrap", "--skip-install"], io, { cwd: root });

    // Assess
    expect(code).toBe(0);
    expect(out()).toContain("note: @orderflow/platform-team is only the default owner.");
    expect(out()).toContain("tools/workflow-lint fails until they do: pass --team");
  });
});

describe("pnpm gen (the root script)", () => {
  it("runs the generator from the repository root and exits 1 on a bad name, creating nothing", async () => {
    // Prepare
    const tasksBefore = await readdir(join(REPO_ROOT, "packages/tasks"));
    const codeownersBefore = await readFile(join(REPO_ROOT, ".github/CODEOWNERS"), "utf8");

    // Act
    const result = await runCommand("pnpm", ["--silent", "gen", "task", "Not_Kebab"], {
      cwd: REPO_ROOT,
      env: childEnv(),
    });

    // Assess
    expect(result.code).toBe(1);
    expect(result.output).toContain('error: task name "Not_Kebab" is not kebab-case');
    expect(await readdir(join(REPO_ROOT, "packages/tasks"))).toEqual(tasksBefore);
    expect(await readFile(join(REPO_ROOT, ".github/CODEOWNERS"), "utf8")).toBe(codeownersBefore);
  });
});
