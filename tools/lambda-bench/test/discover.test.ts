import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ORDER_ID_PLACEHOLDER } from "@orderflow/dynamodb-local/bench-fixture";
import { describe, expect, it } from "vitest";
import { discoverLambdaPackages, workspaceRoot } from "../src/discover";

/** Writes `files` (path → content) under a fresh folder and returns it. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lambda-bench-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const packageJson = (name: string, exportName: string) =>
  JSON.stringify({ name, exports: { [`./${exportName}`]: { default: `./src/${exportName}.mjs` } } });
const manifest = (name: string) =>
  `export const manifest = { name: "${name}", tables: {}, env: { X: { description: "x", default: "1" } } };`;
const fixture = JSON.stringify({ event: { orderId: ORDER_ID_PLACEHOLDER } });

describe("discoverLambdaPackages", () => {
  it("finds the API and the tasks that have a fixture and a bundle, and says why it left out the others", async () => {
    // Prepare
    const root = workspace({
      "pnpm-workspace.yaml": "packages: []\n",
      "packages/api/package.json": packageJson("@o/api", "function"),
      "packages/api/src/function.mjs": manifest("api"),
      "packages/api/bench/fixture.json": fixture,
      "packages/api/dist/handler.mjs": "export const handler = async () => ({});",
      "packages/tasks/b-ready/package.json": packageJson("@o/task-b", "task"),
      "packages/tasks/b-ready/src/task.mjs": manifest("b"),
      "packages/tasks/b-ready/bench/fixture.json": fixture,
      "packages/tasks/b-ready/dist/handler.mjs": "export const handler = async () => ({});",
      "packages/tasks/a-unbuilt/package.json": packageJson("@o/task-a", "task"),
      "packages/tasks/a-unbuilt/bench/fixture.json": fixture,
      "packages/tasks/c-no-fixture/package.json": packageJson("@o/task-c", "task"),
      "packages/tasks/c-no-fixture/dist/handler.mjs": "",
      "packages/tasks/not-a-package/README.md": "",
    });

    // Act
    const { packages, skipped } = await discoverLambdaPackages(root);

    // Assess
    expect(packages.map((p) => [p.name, p.path, p.manifest.name])).toEqual([
      ["@o/api", "packages/api", "api"],
      ["@o/task-b", "packages/tasks/b-ready", "b"],
    ]);
    expect(packages[0]?.bundle).toBe(join(root, "packages/api/dist/handler.mjs"));
    expect(packages[0]?.fixture).toEqual({ event: { orderId: ORDER_ID_PLACEHOLDER }, seed: {} });
    expect(skipped).toEqual([
      { path: "packages/tasks/a-unbuilt", reason: "no dist/handler.mjs (run the build first)" },
      { path: "packages/tasks/c-no-fixture", reason: "no bench/fixture.json" },
    ]);
  });

  it("names a package whose manifest module exports no manifest", async () => {
    // Prepare
    const root = workspace({
      "pnpm-workspace.yaml": "",
      "packages/api/package.json": packageJson("@o/api", "function"),
      "packages/api/src/function.mjs": "export const other = 1;",
      "packages/api/bench/fixture.json": fixture,
      "packages/api/dist/handler.mjs": "",
    });

    // Act
    const discovery = discoverLambdaPackages(root);

    // Assess
    await expect(discovery).rejects.toThrow(/function\.mjs exports no function manifest/);
  });
});

describe("workspaceRoot", () => {
  it("is the nearest folder above with a pnpm-workspace.yaml", () => {
    // Prepare
    const root = workspace({ "pnpm-workspace.yaml": "", "tools/x/src/.keep": "" });

    // Act
    const found = workspaceRoot(join(root, "tools/x/src"));

    // Assess
    expect(found).toBe(root);
  });
});
