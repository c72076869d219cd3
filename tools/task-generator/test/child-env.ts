/**
 * The environment for commands a test runs (pnpm, biome, tsc, vitest) as a developer's shell would have
 * it: without what the outer pnpm, turbo and vitest put there for themselves (a nested vitest that sees
 * VITEST_* believes it is a worker; pnpm's npm_config_* would override the repository's .npmrc), and
 * without colours.
 */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|npm_|PNPM_|TURBO_(?!TELEMETRY)|NODE_OPTIONS$|NODE_ENV$|TEST$|FORCE_COLOR$)/.test(key))
      continue;
    env[key] = value;
  }
  // Plain output, so tests can read it.
  return { ...env, NO_COLOR: "1", ...extra };
}
