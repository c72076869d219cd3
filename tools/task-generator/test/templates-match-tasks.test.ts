import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTree, TASK_TEMPLATES, taskKitVersions, taskNames, templateVars } from "../src";
import { REPO_ROOT } from "./repo-fixtures";

interface PackageJson {
  type: string;
  private: boolean;
  sideEffects: boolean;
  exports: unknown;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const tasksDir = join(REPO_ROOT, "packages/tasks");
const taskDirs = (await readdir(tasksDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && existsSync(join(tasksDir, entry.name, "package.json")))
  .map((entry) => join(tasksDir, entry.name));
const readJson = async <T>(path: string) => JSON.parse(await readFile(path, "utf8")) as T;

const rendered = await renderTree(
  TASK_TEMPLATES,
  templateVars(taskNames("gift-wrap"), "@orderflow/gifts-team", await taskKitVersions(REPO_ROOT)),
);
const renderedFile = (path: string) => rendered.find((file) => file.path === path)?.content ?? "";

describe("the task template, against the repository's task packages", () => {
  it("finds the task packages to compare with", () => {
    expect(taskDirs.length).toBeGreaterThanOrEqual(6);
  });

  it.each(taskDirs)("has the module type and the ./task ./core ./handler exports of %s", async (dir) => {
    // Prepare
    const existing = await readJson<PackageJson>(join(dir, "package.json"));

    // Act
    const generated = JSON.parse(renderedFile("package.json")) as PackageJson;

    // Assess
    const { type, private: isPrivate, sideEffects } = existing;
    expect(generated).toMatchObject({ type, private: isPrivate, sideEffects });
    expect(Object.keys(generated.exports as object)).toEqual(["./task", "./core", "./handler"]);
    expect(existing.exports).toMatchObject(generated.exports as object);
  });

  it("has the scripts most task packages have (a task that also builds a container has more)", async () => {
    // Prepare
    const all = await Promise.all(taskDirs.map((dir) => readJson<PackageJson>(join(dir, "package.json"))));

    // Act
    const { scripts } = JSON.parse(renderedFile("package.json")) as PackageJson;

    // Assess
    const same = all.filter((existing) => JSON.stringify(existing.scripts) === JSON.stringify(scripts));
    expect(same.length, JSON.stringify(scripts)).toBeGreaterThan(taskDirs.length / 2);
  });

  it.each(taskDirs)("pins every dependency it shares with %s exactly as that task does", async (dir) => {
    // Prepare
    const existing = await readJson<PackageJson>(join(dir, "package.json"));

    // Act
    const generated = JSON.parse(renderedFile("package.json")) as PackageJson;

    // Assess
    const pinned = { ...existing.dependencies, ...existing.devDependencies };
    const mismatches = Object.entries({ ...generated.dependencies, ...generated.devDependencies }).filter(
      ([name, version]) => name in pinned && pinned[name] !== version,
    );
    expect(mismatches).toEqual([]);
  });

  it.each(taskDirs)("has the tsconfig of %s", async (dir) => {
    // Prepare
    const tsconfig = await readJson<unknown>(join(dir, "tsconfig.json"));

    // Act
    const generated = JSON.parse(renderedFile("tsconfig.json")) as unknown;

    // Assess
    expect(generated).toEqual(tsconfig);
  });

  it("has the vitest config most task packages have, character for character", async () => {
    // Prepare
    const configs = await Promise.all(taskDirs.map((dir) => readFile(join(dir, "vitest.config.ts"), "utf8")));
    const count = (config: string) => configs.filter((c) => c === config).length;

    // Act
    const generated = renderedFile("vitest.config.ts");

    // Assess
    expect(count(generated)).toBeGreaterThan(taskDirs.length / 2);
    expect(generated).toContain("@orderflow/dynamodb-local/vitest-config");
  });
});
