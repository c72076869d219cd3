import { defineConfig } from "vitest/config";

// The benchmark's tests start fresh node processes, several per test: on a busy 2-core machine that takes
// far longer than vitest's 5 s default, and how long it takes is not what these tests check.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 } });
