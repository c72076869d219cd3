import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Pulumi's runtime keeps its mock monitor and config in process-wide state: one process per file.
    pool: "forks",
    isolate: true,
    testTimeout: 30_000,
  },
});
