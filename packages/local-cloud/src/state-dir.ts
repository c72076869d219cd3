import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The git-ignored folder the local cloud keeps its state in (the development issuer's key, persisted
 * tables): `ORDERFLOW_STATE_DIR` when set, else `.orderflow/` at the workspace root, wherever the command
 * runs from.
 */
export function defaultStateDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const configured = process.env.ORDERFLOW_STATE_DIR;
  if (configured) return configured;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return join(dir, ".orderflow");
    if (dirname(dir) === dir) return join(process.cwd(), ".orderflow");
  }
}
