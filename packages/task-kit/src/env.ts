import { type FunctionManifest, type TableName, tableEnvVar } from "@orderflow/domain";

/**
 * Reads the named variables once, at module load. A missing one fails the cold start with its name,
 * instead of failing later inside a request with an undefined table name.
 */
export function readEnv<const K extends string>(
  names: readonly K[],
  source = process.env,
): Record<K, string> {
  const missing = names.filter((n) => !source[n]);
  if (missing.length > 0) {
    throw new Error(`missing environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  }
  return Object.fromEntries(names.map((n) => [n, source[n] as string])) as Record<K, string>;
}

type TablesOf<M extends FunctionManifest> = Extract<keyof M["tables"], TableName>;

/** The physical names of the tables a manifest declares, from `<TABLE>_TABLE_NAME`. */
export function tableNamesFor<M extends FunctionManifest>(
  manifest: M,
  source = process.env,
): Record<TablesOf<M>, string> {
  const tables = Object.keys(manifest.tables) as TablesOf<M>[];
  const values = readEnv(
    tables.map((t) => tableEnvVar(t)),
    source,
  );
  return Object.fromEntries(tables.map((t) => [t, values[tableEnvVar(t)]])) as Record<TablesOf<M>, string>;
}

/** A manifest's variables by name: a string each, or possibly undefined for an `optional` one. */
export type ManifestEnv<M extends FunctionManifest> = {
  readonly [K in keyof M["env"] & string]: M["env"][K] extends { readonly optional: true }
    ? string | undefined
    : string;
};

/** The manifest's own variables, falling back to each one's declared default; optional ones may be unset. */
export function manifestEnv<M extends FunctionManifest>(manifest: M, source = process.env): ManifestEnv<M> {
  const values: Record<string, string | undefined> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(manifest.env)) {
    values[name] = source[name] ?? spec.default;
    if (!spec.optional) required.push(name);
  }
  return { ...values, ...readEnv(required, values) } as ManifestEnv<M>;
}
