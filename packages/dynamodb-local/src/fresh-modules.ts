import { vi } from "vitest";

// Runs before each test file of a worker the files share (isolate: false): the file loads the
// workspace's modules afresh, so a handler reads the tables and variables this file set, while what
// node_modules holds (the AWS SDK, Powertools, valibot) stays loaded from the file before.
vi.resetModules();
