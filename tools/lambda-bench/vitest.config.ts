import { defineConfig } from "vitest/config";

// The benchmark's tests start fresh node processes, several per test; how long that takes on a busy machine
// is not what they check, so the timeout is only a guard against a hang.
// The files share one worker and its module cache (isolate: false), half the CPU of a fresh worker per
// file: none of them leaves module-level state another depends on (shuffled file orders pass alike).
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, isolate: false },
});
