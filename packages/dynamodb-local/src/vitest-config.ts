import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * The vitest config of every package whose tests run on DynamoDB Local: one DynamoDB Local per test run
 * (global setup, or the one a workspace runner shares) and timeouts that only catch a hang. A timeout is
 * not a speed assertion: property tests make hundreds of real round trips, and on a busy 2-core machine,
 * where turbo runs several packages' suites at once, 30 s was seen to run out for a correct test.
 *
 * The files of a package share one worker (isolate: false), which keeps what node_modules holds (the AWS
 * SDK, Powertools, valibot) loaded from one file to the next: about half the CPU of a fresh worker per
 * file. Each file still loads the workspace's own modules afresh (`fresh-modules.ts`), so a handler reads
 * the tables and variables its file set, as in a cold start.
 *
 * Handler logs stay out of the output unless a test fails: Powertools' dev mode writes through the global
 * console, which vitest captures per test and, with `silent: "passed-only"`, prints for failed tests only.
 */
export function dynamoDbTestConfig(test: NonNullable<ViteUserConfig["test"]> = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["@orderflow/dynamodb-local/global-setup"],
      isolate: false,
      setupFiles: ["@orderflow/dynamodb-local/fresh-modules"],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      silent: "passed-only",
      ...test,
      env: { POWERTOOLS_DEV: "true", ...test.env },
    },
  });
}
