import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// The worker and the CLI and bundle tests' child processes each load Pulumi and the AWS SDKs (thousands of
// modules): V8 keeps their compiled code here from one run to the next, reused while a file is unchanged.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off (e.g. for coverage, which it makes less precise).
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "node-compile-cache");

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One worker runs the files one after another and loads Pulumi, its AWS SDKs and the program once, not
    // once per file. Pulumi keeps its mock monitor and config in process-wide state, but every run under the
    // mocks starts it afresh with `installMocks` (`synthesize` and the tests that declare components call
    // it first): it lets what an earlier run still has in flight finish, replaces the monitor, resets the
    // runtime's options, stack resource and leak tracking, and empties the config before the stack's own is
    // set. The program reads config only when called, so the shared module cache carries nothing between
    // stacks. A single file already ran several stacks in turn; shuffled file orders give the same results.
    pool: "forks",
    isolate: false,
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
