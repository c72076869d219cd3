import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatViolation, importSpecifiers, taskBoundaryViolations, taskPackageOf } from "../src";

/** A repository of `files` (path → content) in a fresh folder. */
async function repoOf(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "boundaries-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

const packageJson = (name: string, dependencies: Record<string, string> = {}, devDependencies = {}) =>
  JSON.stringify({ name, dependencies, devDependencies });

describe("the task packages of this repository", () => {
  it("depend on and import no other task package, in src and test alike", async () => {
    // Act
    const violations = await taskBoundaryViolations();

    // Assess
    expect(violations.map(formatViolation)).toEqual([]);
  });
});

describe("taskBoundaryViolations on a planted violation", () => {
  it("names the file and the import or dependency of every reach into another task", async () => {
    // Prepare
    const root = await repoOf({
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n  - packages/tasks/*\n",
      "packages/inventory/package.json": packageJson("@orderflow/inventory", {
        "@orderflow/task-a": "workspace:*",
      }),
      "packages/tasks/a/package.json": packageJson("@orderflow/task-a", {
        "@orderflow/domain": "workspace:*",
        "@orderflow/task-kit": "workspace:*",
        "@orderflow/inventory": "workspace:*",
      }),
      "packages/tasks/a/src/core.ts":
        'import { task } from "@orderflow/task-a/task";\nexport const a = task;\n',
      "packages/tasks/b/package.json": packageJson(
        "@orderflow/task-b",
        { "@orderflow/task-a": "workspace:*" },
        { "@orderflow/task-kit": "workspace:*" },
      ),
      "packages/tasks/b/src/core.ts": [
        'import { createLogger } from "@orderflow/task-kit";',
        'import type { LedgerStep } from "@orderflow/task-a/ledger";',
        '// import { old } from "@orderflow/task-c";',
        "export type Step = LedgerStep;",
      ].join("\n"),
      "packages/tasks/b/test/flow.test.ts":
        'const { handler } = await import("@orderflow/task-a/handler");\n',
      "packages/tasks/b/node_modules/x/index.ts": 'import "@orderflow/task-a";\n',
    });

    // Act
    const violations = await taskBoundaryViolations(root);

    // Assess
    expect(violations).toEqual([
      { file: "packages/tasks/b/package.json", specifier: "@orderflow/task-a" },
      { file: "packages/tasks/b/src/core.ts", specifier: "@orderflow/task-a/ledger" },
      { file: "packages/tasks/b/test/flow.test.ts", specifier: "@orderflow/task-a/handler" },
    ]);
    expect(violations.map(formatViolation)).toContain(
      "packages/tasks/b/src/core.ts imports @orderflow/task-a/ledger: a task imports no other task; move what both need into a library",
    );
  });
});

describe("importSpecifiers", () => {
  it("finds static, type-only, re-exported, side-effect and dynamic imports, across lines", () => {
    // Prepare
    const source = [
      'import fixture from "../bench/fixture.json" with { type: "json" };',
      "import {",
      "  a,",
      "  type B,",
      '} from "m-multi";',
      'import type { C } from "m-type";',
      'export { d } from "m-reexport";',
      'export * from "m-star";',
      'import "m-side-effect";',
      'const e = await import("m-dynamic");',
      'const f = require("m-require");',
      '/* import { g } from "m-block-comment"; */',
      'const url = "http://example.invalid/from";',
    ].join("\n");

    // Act
    const specifiers = importSpecifiers(source);

    // Assess
    expect(specifiers.sort()).toEqual(
      [
        "../bench/fixture.json",
        "m-multi",
        "m-type",
        "m-reexport",
        "m-star",
        "m-side-effect",
        "m-dynamic",
        "m-require",
      ].sort(),
    );
  });
});

describe("taskPackageOf", () => {
  it.each([
    ["@orderflow/task-charge-payment", "@orderflow/task-charge-payment"],
    ["@orderflow/task-reserve-inventory/drive", "@orderflow/task-reserve-inventory"],
    ["@orderflow/task-kit", undefined],
    ["@orderflow/task-kit/env", undefined],
    ["@orderflow/task-kitchen", "@orderflow/task-kitchen"],
    ["@orderflow/inventory", undefined],
    ["./task", undefined],
  ])("%s is task package %s", (specifier, expected) => {
    // Act / Assess
    expect(taskPackageOf(specifier)).toBe(expected);
  });
});
