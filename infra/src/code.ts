import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The esbuild output every Lambda package's `build` writes, and the handler export inside it. */
export const HANDLER_FILE = "handler.mjs";
export const LAMBDA_HANDLER = "handler.handler";

const require = createRequire(import.meta.url);

/**
 * Where a workspace package lives on disk. Packages export only their source modules (no
 * `./package.json`), so this resolves one of its exported modules and walks up to its package.json.
 */
export function packageDir(exportedModule: string): string {
  let dir = dirname(require.resolve(exportedModule));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${exportedModule}`);
    dir = parent;
  }
  return dir;
}

/**
 * The built code of a Lambda package as a deployment archive. Fails with the fix when the package has not
 * been built, instead of deploying an empty function.
 */
export function lambdaCode(exportedModule: string): pulumi.asset.FileArchive {
  const dist = join(packageDir(exportedModule), "dist");
  if (!existsSync(join(dist, HANDLER_FILE))) {
    throw new Error(
      `${dist}/${HANDLER_FILE} is missing: run \`pnpm turbo run build --filter=@orderflow/infra...\` first`,
    );
  }
  return new pulumi.asset.FileArchive(dist);
}
