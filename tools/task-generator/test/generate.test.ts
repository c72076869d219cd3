import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ownersNamedIn, parseCodeowners, ruleFor } from "@orderflow/workflow-lint";
import { describe, expect, it } from "vitest";
import { GeneratorError, generateTask } from "../src";
import { fixtureRepo, snapshot, tempDir } from "./repo-fixtures";

const PACKAGE_FILES = [
  "README.md",
  "bench/fixture.json",
  "package.json",
  "src/contract.ts",
  "src/core.ts",
  "src/handler.ts",
  "src/task.ts",
  "test/core.test.ts",
  "test/handler.test.ts",
  "tsconfig.json",
  "vitest.config.ts",
];

const read = (root: string, path: string) => readFile(join(root, path), "utf8");

describe("generateTask", () => {
  it("writes the whole package and gives it to the team in CODEOWNERS, README agreeing", async () => {
    // Prepare
    const root = await fixtureRepo();
    const codeownersBefore = await read(root, ".github/CODEOWNERS");

    // Act
    const generated = await generateTask({ root, name: "gift-wrap", team: "@orderflow/gifts-team" });

    // Assess
    const dir = join(root, "packages/tasks/gift-wrap");
    expect([...generated.files].sort()).toEqual(PACKAGE_FILES);
    expect(
      (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()),
    ).toHaveLength(PACKAGE_FILES.length);
    const codeowners = await read(root, ".github/CODEOWNERS");
    expect(codeowners.split("\n").filter((line) => !codeownersBefore.split("\n").includes(line))).toEqual([
      generated.ownerRule,
    ]);
    expect((await stat(dir)).mode & 0o777).toBe((await stat(join(root, "packages/tasks"))).mode & 0o777);
    const owners = ruleFor(parseCodeowners(codeowners), "packages/tasks/gift-wrap/README.md")?.owners;
    expect(owners).toEqual(["@orderflow/gifts-team"]);
    expect(ownersNamedIn(await read(root, "packages/tasks/gift-wrap/README.md"))).toEqual(owners);
  });

  it("pins task-kit's versions and names the package after the task", async () => {
    // Prepare
    const root = await fixtureRepo();
    const kit = JSON.parse(await read(root, "packages/task-kit/package.json")) as {
      dependencies: Record<string, string>;
    };

    // Act
    await generateTask({ root, name: "gift-wrap" });

    // Assess
    const pkg = JSON.parse(await read(root, "packages/tasks/gift-wrap/package.json")) as {
      name: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.name).toBe("@orderflow/task-gift-wrap");
    for (const dep of ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "valibot"]) {
      expect(pkg.dependencies[dep], dep).toBe(kit.dependencies[dep]);
    }
  });

  it("writes the default manifest: PascalCase state, lambda, 256 MB, 5 s, no tables, standard retry", async () => {
    // Prepare
    const root = await fixtureRepo();

    // Act
    await generateTask({ root, name: "gift-wrap" });

    // Assess
    const manifest = await read(root, "packages/tasks/gift-wrap/src/task.ts");
    for (const field of [
      'name: "gift-wrap"',
      'stateName: "GiftWrap"',
      'kind: "lambda"',
      "memoryMb: 256",
      "timeoutSeconds: 5",
      "tables: {}",
      "env: {}",
      "retry: { maxAttempts: 3, intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 8 }",
      "errors: []",
      "retryableErrors: []",
    ]) {
      expect(manifest, field).toContain(`  ${field},`);
    }
  });

  it("gives the package to the platform team unless told otherwise", async () => {
    // Prepare
    const root = await fixtureRepo();

    // Act
    const generated = await generateTask({ root, name: "gift-wrap" });

    // Assess
    expect(generated.team).toBe("@orderflow/platform-team");
    expect(generated.ownerRule).toMatch(/^\/packages\/tasks\/gift-wrap\/ +@orderflow\/platform-team$/);
    expect(await read(root, "packages/tasks/gift-wrap/README.md")).toContain(
      "Owners: **@orderflow/platform-team**.",
    );
  });

  it("keeps every line within Biome's width even for a name of the longest allowed length", async () => {
    // Prepare
    const root = await fixtureRepo();
    const name = "abcdefghij-klmnopqrst-uvwxyzabcd-efghijk";

    // Act
    const { files } = await generateTask({ root, name });

    // Assess
    const tooLong: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".ts"))) {
      const lines = (await read(root, `packages/tasks/${name}/${file}`)).split("\n");
      for (const line of lines) if (line.length > 110) tooLong.push(`${file}: ${line}`);
    }
    expect(name).toHaveLength(40);
    expect(tooLong).toEqual([]);
  });
});

describe("generateTask refusing", () => {
  async function refusal(prepare: (root: string) => Promise<void>, name: string, team?: string) {
    const root = await fixtureRepo();
    await prepare(root);
    const before = await snapshot(root);
    const error = await generateTask({ root, name, ...(team && { team }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, before, after: await snapshot(root) };
  }
  const nothing = async () => {};

  it.each([
    ["an existing task folder", nothing, "validate-order", "packages/tasks/validate-order already exists"],
    ["an existing package's name", nothing, "kit", "@orderflow/task-kit already exists (packages/task-kit)"],
    [
      "the generator's own name",
      nothing,
      "generator",
      "@orderflow/task-generator already exists (tools/task-generator)",
    ],
    ["a name with invalid characters", nothing, "Gift_Wrap", 'task name "Gift_Wrap" is not kebab-case'],
    ["a path", nothing, "../../evil", "is not kebab-case"],
    ["a name over 40 characters", nothing, "a".repeat(41), "is 41 characters; use at most 40"],
    ["a reserved name", nothing, "failed", 'task name "failed" is reserved'],
    [
      "a name whose CODEOWNERS rule is left over",
      async (root: string) => {
        await writeFile(
          join(root, ".github/CODEOWNERS"),
          `${await read(root, ".github/CODEOWNERS")}/packages/tasks/gift-wrap/ @orderflow/old-team\n`,
        );
      },
      "gift-wrap",
      ".github/CODEOWNERS already has a rule for /packages/tasks/gift-wrap/",
    ],
    [
      "a state name another task has",
      async (root: string) => {
        await generateTask({ root, name: "gift-2wrap" });
      },
      "gift2wrap",
      "the state name Gift2wrap is already used by packages/tasks/gift-2wrap",
    ],
    [
      "a repository without CODEOWNERS",
      async (root: string) => {
        await rm(join(root, ".github/CODEOWNERS"));
      },
      "gift-wrap",
      ".github/CODEOWNERS is missing",
    ],
  ])("refuses %s with a clear error and creates nothing", async (_case, prepare, name, message) => {
    // Act
    const { error, before, after } = await refusal(prepare, name);

    // Assess
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toContain(message);
    expect(after).toEqual(before);
  });

  it("refuses a team that is not @org/team and creates nothing", async () => {
    // Act
    const { error, before, after } = await refusal(nothing, "gift-wrap", "gifts-team");

    // Assess
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toBe(
      'team "gifts-team" is not a GitHub team: write it as @org/team, e.g. @orderflow/payments-team',
    );
    expect(after).toEqual(before);
  });
});

describe("generateTask failing half-way", () => {
  async function templates(files: Record<string, string>): Promise<string> {
    const dir = await tempDir("broken");
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  it.each([
    [
      "a template names a value the generator lacks",
      { "src/a.ts.tmpl": "export const a = {{nope}};\n" },
      "{{nope}}",
    ],
    [
      "the rendered code does not parse",
      { "src/a.ts.tmpl": "export const {{camelName}} = ;\n", "README.md.tmpl": "# {{name}}\n" },
      "biome could not format the generated files",
    ],
  ])("leaves no package, no staging folder and no CODEOWNERS rule when %s", async (_case, files, message) => {
    // Prepare
    const root = await fixtureRepo();
    const before = await snapshot(root);

    // Act
    const attempt = generateTask({ root, name: "gift-wrap", templates: await templates(files) });

    // Assess
    await expect(attempt).rejects.toThrow(message);
    expect(await snapshot(root)).toEqual(before);
  });
});
