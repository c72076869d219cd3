import { defineConfig } from "vitest/config";

// actionlint runs as a child process per workflow file: about 1 s alone, 6 s when two whole test runs share a
// 2-core machine. The budget only catches a hang.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 } });
