import { type FunctionManifest, type TableName, tableEnvVar } from "@orderflow/domain";
import type * as pulumi from "@pulumi/pulumi";
import { declaredTables, type TableRef } from "./function-statements";

/**
 * A manifest's runtime environment: `<TABLE>_TABLE_NAME` for each declared table, then each manifest
 * variable with the program's value (config override or wiring), else its default. A variable with neither
 * (unless the manifest marks it optional, then it is left out), or a value for a variable the manifest does
 * not declare, is a wiring mistake and fails before anything deploys.
 *
 * @param what how messages name the workload, e.g. "function" or "container task"
 */
export function manifestEnvironment(
  manifest: FunctionManifest,
  tables: Readonly<Partial<Record<TableName, TableRef>>>,
  given: Readonly<Record<string, pulumi.Input<string>>> = {},
  what = "function",
): Record<string, pulumi.Input<string>> {
  const variables: Record<string, pulumi.Input<string>> = {};
  for (const [table] of declaredTables(manifest)) {
    const ref = tables[table];
    if (ref !== undefined) variables[tableEnvVar(table)] = ref.name;
  }
  for (const name of Object.keys(given)) {
    if (!(name in manifest.env)) {
      throw new Error(
        `${what} ${manifest.name} does not declare environment variable ${name} in its manifest`,
      );
    }
  }
  for (const [name, spec] of Object.entries(manifest.env)) {
    const value = given[name] ?? spec.default;
    if (value === undefined && spec.optional) continue;
    if (value === undefined) {
      throw new Error(
        `${what} ${manifest.name} needs environment variable ${name} (${spec.description}): ` +
          "its manifest has no default and neither the stack config nor the program sets it",
      );
    }
    variables[name] = value;
  }
  return variables;
}
