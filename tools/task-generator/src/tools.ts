import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { GeneratorError } from "./generator-error";
import { runCommand, tail } from "./run-command";

const require = createRequire(import.meta.url);

/**
 * Formats and organizes the imports of the files under `dir` (repository-relative) with the
 * repository's Biome configuration, so generated code passes `biome check` whatever the name's length
 * does to line breaks. Biome is this package's own pinned dependency: no PATH lookup, no network.
 */
export async function formatWithBiome(root: string, dir: string): Promise<void> {
  const biome = require.resolve("@biomejs/biome/bin/biome");
  const result = await runCommand(process.execPath, [biome, "check", "--write", "--colors=off", dir], {
    cwd: root,
  });
  if (result.code !== 0) {
    throw new Error(`biome could not format the generated files (a template bug):\n${tail(result.output)}`);
  }
}

export const LOCKFILE = "pnpm-lock.yaml";

/**
 * Runs `pnpm install` at the root so the workspace links the new package. The lockfile gains the
 * package, so it is never frozen here (CI sets frozen by default); the versions are the ones already
 * installed, so the store answers and the registry is asked only for what it lacks.
 *
 * @returns whether pnpm-lock.yaml changed
 */
export async function pnpmInstall(root: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const lockfile = join(root, LOCKFILE);
  const before = await readFile(lockfile, "utf8").catch(() => "");
  const result = await runCommand("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], {
    cwd: root,
    env,
  }).catch((error: Error) => {
    throw new GeneratorError(`${error.message}; is pnpm on PATH? Run \`pnpm install\` yourself`);
  });
  if (result.code !== 0) {
    throw new GeneratorError(
      `pnpm install failed (exit ${result.code}); the package is in place, fix the cause and run \`pnpm install\`:\n${tail(result.output)}`,
    );
  }
  return (await readFile(lockfile, "utf8").catch(() => "")) !== before;
}
