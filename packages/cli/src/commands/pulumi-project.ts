import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);

/**
 * The folder of the Pulumi project whose stacks `--stack` names: the `@orderflow/infra` workspace package,
 * found by module resolution (it exports its `Pulumi.yaml`), so the CLI works from any folder and any
 * checkout layout. `pulumi stack output` runs there.
 */
export function pulumiProjectDir(): string {
  return dirname(require.resolve("@orderflow/infra/Pulumi.yaml"));
}
