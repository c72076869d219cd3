import { EVENT_BUS_ENV_VAR, type FunctionManifest, type TaskManifest } from "@orderflow/domain";
import { LOCAL_AWS_ENV, type TableNames, tableEnv } from "@orderflow/dynamodb-local";

export interface HandlerEnvOptions {
  readonly endpoint: string;
  readonly tables: TableNames;
  readonly eventBusName: string;
  readonly manifests: readonly TaskManifest[];
  /** Powertools log level of the in-process handlers. */
  readonly logLevel: string;
}

/**
 * Points this process at DynamoDB Local and gives the handlers the environment infra would give their
 * functions: table names, bus name and each manifest's declared defaults (a value already set wins, so a
 * developer can try another `SUPPORTED_COUNTRIES`). Handlers read it once at import, so this runs first.
 */
export function applyHandlerEnv(options: HandlerEnvOptions, env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, LOCAL_AWS_ENV, {
    AWS_ENDPOINT_URL_DYNAMODB: options.endpoint,
    [EVENT_BUS_ENV_VAR]: options.eventBusName,
    POWERTOOLS_LOG_LEVEL: options.logLevel,
    ...tableEnv(options.tables),
  });
  applyManifestDefaults(options.manifests, env);
}

/** Each manifest variable's declared default, unless the variable is set already. */
export function applyManifestDefaults(
  manifests: readonly FunctionManifest[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const manifest of manifests) {
    for (const [name, spec] of Object.entries(manifest.env)) {
      if (env[name] === undefined && spec.default !== undefined) env[name] = spec.default;
    }
  }
}
