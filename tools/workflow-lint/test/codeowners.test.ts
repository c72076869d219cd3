import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { discoverTaskPackages } from "@orderflow/task-registry/discover";
import { describe, expect, it } from "vitest";
import {
  ownerMismatches,
  ownersNamedIn,
  packageDirs,
  parseCodeowners,
  patternToRegex,
  REPO_ROOT,
  ruleFor,
} from "../src";

const rules = parseCodeowners(await readFile(join(REPO_ROOT, ".github/CODEOWNERS"), "utf8"));
const dirs = await packageDirs();
const taskDirs = dirs.filter((dir) => dir.startsWith("packages/tasks/"));

async function readme(dir: string): Promise<string | undefined> {
  return readFile(join(REPO_ROOT, dir, "README.md"), "utf8").catch(() => undefined);
}

describe("CODEOWNERS patterns", () => {
  it.each([
    ["/packages/api/", "packages/api/src/core.ts", true],
    ["/packages/api/", "packages/api", false],
    ["/packages/api/", "other/packages/api/x.ts", false],
    ["/infra/", "infra/Pulumi.prod.yaml", true],
    ["docs/", "packages/local/docs/x.md", true],
    ["*", "pnpm-lock.yaml", true],
    ["*", "packages/tasks/charge-payment/src/core.ts", true],
    ["*.md", "packages/api/README.md", true],
    ["*.md", "packages/api/README.mdx", false],
    ["/packages/*/README.md", "packages/api/README.md", true],
    ["/packages/*/README.md", "packages/tasks/a/README.md", false],
    ["/packages/**/README.md", "packages/tasks/a/README.md", true],
    ["/infra", "infra/src/program.ts", true],
    ["/infra", "infrastructure/x", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(patternToRegex(pattern).test(path)).toBe(expected);
  });

  it("lets the last matching rule decide", () => {
    const parsed = parseCodeowners("* @o/all\n/packages/ @o/packages\n/packages/tasks/ @o/tasks # comment\n");
    expect(ruleFor(parsed, "packages/tasks/x/a.ts")?.owners).toEqual(["@o/tasks"]);
    expect(ruleFor(parsed, "packages/api/a.ts")?.owners).toEqual(["@o/packages"]);
    expect(ruleFor(parsed, "README.md")?.owners).toEqual(["@o/all"]);
  });

  it("rejects an owner GitHub would not accept, naming the line", () => {
    expect(() => parseCodeowners("# header\n/infra/ platform-team\n")).toThrow(
      'CODEOWNERS line 2: "platform-team" is not an @org/team, @user or e-mail',
    );
  });
});

describe("ownership of the repository", () => {
  it("finds the workspace packages, task packages included", () => {
    expect(dirs).toEqual(expect.arrayContaining(["infra", "packages/domain", "tools/workflow-lint"]));
    expect(taskDirs.length).toBeGreaterThanOrEqual(6);
  });

  it("gives every workspace package a rule of its own, not just the catch-all", () => {
    const unowned = dirs.filter((dir) => {
      const rule = ruleFor(rules, `${dir}/package.json`);
      return rule === undefined || rule.pattern === "*";
    });
    expect(unowned).toEqual([]);
  });

  it("gives every task package exactly the owners its package.json registers", async () => {
    // Prepare
    const registered = await discoverTaskPackages(REPO_ROOT);

    // Act
    const mismatches = ownerMismatches(rules, registered);

    // Assess
    expect(registered.map((p) => p.dir)).toEqual(taskDirs);
    expect(mismatches).toEqual([]);
  });

  it("names a registered package whose rule is missing or gives it to someone else", () => {
    // Prepare
    const parsed = parseCodeowners("* @o/all\n/packages/tasks/a/ @o/a\n");

    // Act
    const mismatches = ownerMismatches(parsed, [
      { dir: "packages/tasks/a", owners: ["@o/b"] },
      { dir: "packages/tasks/c", owners: ["@o/c"] },
    ]);

    // Assess
    expect(mismatches).toEqual([
      { dir: "packages/tasks/a", registered: ["@o/b"], codeowners: ["@o/a"] },
      { dir: "packages/tasks/c", registered: ["@o/c"], codeowners: undefined },
    ]);
  });

  it("gives every task package to a product team, not to the platform team", () => {
    const platformOwned = taskDirs.filter((dir) =>
      ruleFor(rules, `${dir}/src/task.ts`)?.owners.includes("@orderflow/platform-team"),
    );
    expect(platformOwned).toEqual([]);
  });

  it("keeps the delivery files with the platform team", () => {
    for (const path of [".github/workflows/deploy.yml", ".github/CODEOWNERS", "infra/Pulumi.prod.yaml"]) {
      expect(ruleFor(rules, path)?.owners, path).toEqual(["@orderflow/platform-team"]);
    }
  });

  it.each(taskDirs)("%s has a README that names its CODEOWNERS owners", async (dir) => {
    const text = await readme(dir);
    expect(text, `${dir}/README.md is missing: it states the task's contract and its owners`).toBeDefined();
    expect(ownersNamedIn(text ?? ""), `${dir}/README.md has no "Owners: @org/team" line`).toEqual(
      ruleFor(rules, `${dir}/README.md`)?.owners,
    );
  });

  it("names, in every other package README that names owners, the CODEOWNERS owners", async () => {
    const mismatches: string[] = [];
    for (const dir of dirs.filter((d) => !taskDirs.includes(d))) {
      const named = ownersNamedIn((await readme(dir)) ?? "");
      const owners = ruleFor(rules, `${dir}/README.md`)?.owners;
      if (named && JSON.stringify(named) !== JSON.stringify(owners)) {
        mismatches.push(`${dir}: README names ${named.join(" ")}, CODEOWNERS says ${owners?.join(" ")}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("ownersNamedIn", () => {
  it("reads the owners after the label to the end of the paragraph", () => {
    expect(
      ownersNamedIn(
        "# x\n\nDoes things. Owners:\n**@orderflow/payments-team**, @orderflow/sre.\n\n@other/team",
      ),
    ).toEqual(["@orderflow/payments-team", "@orderflow/sre"]);
  });

  it("says undefined when there is no Owners label", () => {
    expect(ownersNamedIn("# x\n\nMaintained by @orderflow/payments-team.")).toBeUndefined();
  });
});
