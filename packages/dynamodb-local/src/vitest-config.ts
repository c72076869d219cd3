import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * The vitest config of every package whose tests run on DynamoDB Local: one DynamoDB Local per test run
 * (global setup) and timeouts sized for real round trips on a busy 2-core CI machine, where turbo runs
 * several packages' suites at once (vitest's 5 s default is too tight there).
 */
export function dynamoDbTestConfig(test: NonNullable<ViteUserConfig["test"]> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["@orderflow/dynamodb-local/global-setup"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
