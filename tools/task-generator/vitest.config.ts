import { defineConfig } from "vitest/config";

// The end-to-end test runs the generated package's lint, typecheck, build and tests in child processes;
// on a busy 2-core CI machine each step can take longer than vitest's 5 s default.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
