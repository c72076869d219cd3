import { defineConfig } from "vitest/config";

// The end-to-end test runs the generated package's lint, typecheck, build and tests in child processes;
// on a busy 2-core CI machine each step can take longer than vitest's 5 s default.
// The files share one worker and its module cache (isolate: false), half the CPU of a fresh worker per
// file: none of them leaves module-level state another depends on (shuffled file orders pass alike).
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000, isolate: false },
});
