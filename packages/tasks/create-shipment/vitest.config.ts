import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@orderflow/dynamodb-local/global-setup"],
    // Tests run against a real DynamoDB Local on shared CI cores; 5 s is too tight for 100-line orders.
    testTimeout: 30_000,
  },
});
