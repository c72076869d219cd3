import { defineConfig } from "vitest/config";

// The benchmark's tests start fresh node processes, several per test; how long that takes on a busy machine
// is not what they check, so the timeout is only a guard against a hang.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 120_000 } });
