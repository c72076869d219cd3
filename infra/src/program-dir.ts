import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder at or above `start` that holds `file`. */
export function enclosingDir(start: string, file: string): string {
  let dir = start;
  while (!existsSync(join(dir, file))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${file} above ${start}`);
    dir = parent;
  }
  return dir;
}

/**
 * The folder of the Pulumi project (the one with `Pulumi.yaml`), where the CLI runs the program and its
 * providers: found from `src/` in tests and the synth, from `dist/` when the CLI runs the bundle.
 */
export const PROGRAM_DIR = enclosingDir(dirname(fileURLToPath(import.meta.url)), "Pulumi.yaml");
