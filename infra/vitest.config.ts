import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One worker runs the files one after another and loads Pulumi, its AWS SDKs and the program once, not
    // once per file. Pulumi keeps its mock monitor and config in process-wide state, but every run under the
    // mocks starts it afresh: `installMocks` (which `synthesize` and the component and config tests call
    // first) replaces the monitor, resets the runtime's options, stack resource and leak tracking, and
    // empties the config before the stack's own is set; a synth awaits `disconnect`, so nothing of it is
    // still registering when the next begins. The program reads config only when called, so the shared
    // module cache carries nothing between stacks. A single file already ran several stacks in turn.
    pool: "forks",
    isolate: false,
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
