import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@orderflow/dynamodb-local/global-setup"],
    // Whole executions on DynamoDB Local; the property test sets its own, longer budget.
    testTimeout: 30_000,
  },
});
