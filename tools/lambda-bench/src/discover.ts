import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionManifest } from "@orderflow/domain";
import { type Fixture, parseFixture } from "@orderflow/dynamodb-local/bench-fixture";

/** Where the Lambda packages live, relative to the workspace root. */
const LAMBDA_PACKAGE_DIRS = ["packages/api", "packages/tasks/*"];

export interface LambdaPackage {
  readonly name: string;
  /** Absolute path of the package folder. */
  readonly dir: string;
  /** The package folder relative to the workspace root, for reports. */
  readonly path: string;
  readonly bundle: string;
  readonly fixture: Fixture;
  readonly manifest: FunctionManifest;
}

export interface SkippedPackage {
  readonly path: string;
  readonly reason: string;
}

/** The workspace root: the nearest folder above `from` with a pnpm-workspace.yaml. */
export function workspaceRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

function candidateDirs(root: string): string[] {
  return LAMBDA_PACKAGE_DIRS.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name))
      .sort();
  });
}

function isManifest(value: unknown): value is FunctionManifest {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as FunctionManifest).name === "string" &&
    typeof (value as FunctionManifest).env === "object" &&
    typeof (value as FunctionManifest).tables === "object"
  );
}

/** The package's manifest: the module its `./task` or `./function` export names, and in it the manifest value. */
async function loadManifest(
  dir: string,
  exportsMap: Record<string, { default?: string }>,
): Promise<FunctionManifest> {
  const entry = exportsMap["./task"]?.default ?? exportsMap["./function"]?.default;
  if (!entry) throw new Error(`${dir}/package.json exports neither ./task nor ./function`);
  const module: Record<string, unknown> = await import(pathToFileURL(join(dir, entry)).href);
  const manifest = Object.values(module).find(isManifest);
  if (!manifest) throw new Error(`${join(dir, entry)} exports no function manifest`);
  return manifest;
}

/**
 * Every Lambda package (the API and each task) that has a `bench/fixture.json` and a built
 * `dist/handler.mjs`; the others are listed with the reason they were left out.
 */
export async function discoverLambdaPackages(
  root: string,
): Promise<{ packages: LambdaPackage[]; skipped: SkippedPackage[] }> {
  const packages: LambdaPackage[] = [];
  const skipped: SkippedPackage[] = [];
  for (const dir of candidateDirs(root)) {
    const path = relative(root, dir);
    const packageJson = join(dir, "package.json");
    if (!existsSync(packageJson)) continue;
    const fixtureFile = join(dir, "bench", "fixture.json");
    const bundle = join(dir, "dist", "handler.mjs");
    if (!existsSync(fixtureFile)) {
      skipped.push({ path, reason: "no bench/fixture.json" });
      continue;
    }
    if (!existsSync(bundle)) {
      skipped.push({ path, reason: "no dist/handler.mjs (run the build first)" });
      continue;
    }
    const { name, exports = {} } = JSON.parse(readFileSync(packageJson, "utf8")) as {
      name: string;
      exports?: Record<string, { default?: string }>;
    };
    const fixture = parseFixture(JSON.parse(readFileSync(fixtureFile, "utf8")), relative(root, fixtureFile));
    packages.push({ name, dir, path, bundle, fixture, manifest: await loadManifest(dir, exports) });
  }
  return { packages, skipped };
}
