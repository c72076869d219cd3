import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * The vitest config of every package whose tests run on DynamoDB Local: one DynamoDB Local per test run
 * (global setup, or the one a workspace runner shares) and timeouts sized for real round trips on a busy
 * 2-core CI machine, where turbo runs several packages' suites at once (vitest's 5 s default is too tight
 * there).
 *
 * Handler logs stay out of the output unless a test fails: Powertools' dev mode writes through the global
 * console, which vitest captures per test and, with `silent: "passed-only"`, prints for failed tests only.
 */
export function dynamoDbTestConfig(test: NonNullable<ViteUserConfig["test"]> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["@orderflow/dynamodb-local/global-setup"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      silent: "passed-only",
      ...test,
      env: { POWERTOOLS_DEV: "true", ...test.env },
    },
  });
}
