import { defineConfig } from "vitest/config";

// actionlint runs as a child process per workflow file: about 1 s alone, 6 s when two whole test runs share a
// 2-core machine. The budget only catches a hang.
// The files share one worker and its module cache (isolate: false), half the CPU of a fresh worker per
// file: none of them leaves module-level state another depends on (shuffled file orders pass alike).
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, isolate: false },
});
