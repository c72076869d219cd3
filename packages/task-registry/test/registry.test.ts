import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REGISTERED_TASKS } from "../src";
import {
  discoverTaskPackages,
  InvalidTaskRegistration,
  registrationOf,
  renderedRegistryFiles,
  renderRegistry,
} from "../src/discover";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("the task registry of this repository", () => {
  it("is what the task packages' orderflow fields render (else run `pnpm --filter @orderflow/task-registry write`)", async () => {
    // Act
    const files = await renderedRegistryFiles(ROOT);

    // Assess
    for (const file of files) expect(file.current, file.path).toBe(file.expected);
  });

  it("holds every step's manifest, under the state its package.json names", async () => {
    // Prepare
    const packages = await discoverTaskPackages(ROOT);

    // Act
    const registered = REGISTERED_TASKS.map((t) => [t.dir, t.manifest.stateName]);

    // Assess
    expect(registered).toEqual(packages.filter((p) => p.state).map((p) => [p.dir, p.state]));
    expect(registered.map(([, state]) => state)).toContain("ValidateOrder");
  });

  it("keeps a package without a state (an event consumer) out of the steps", async () => {
    // Act
    const packages = await discoverTaskPackages(ROOT);

    // Assess
    expect(packages.find((p) => p.dir === "packages/tasks/notify-customer")?.state).toBeUndefined();
    expect(REGISTERED_TASKS.map((t) => t.dir)).not.toContain("packages/tasks/notify-customer");
  });
});

describe("registrationOf", () => {
  it.each([
    [{ name: "@o/task-a" }, "names no owners"],
    [{ name: "@o/task-a", orderflow: { owners: ["team"] } }, 'owner "team" is not an @org/team'],
    [{ name: "@o/task-a", orderflow: { owners: ["@o/t"], state: "giftWrap" } }, "not a PascalCase state"],
  ])("refuses %j, saying what to write", (packageJson, message) => {
    // Act
    const attempt = () => registrationOf("packages/tasks/a", packageJson);

    // Assess
    expect(attempt).toThrow(InvalidTaskRegistration);
    expect(attempt).toThrow(message);
  });
});

describe("renderRegistry", () => {
  it("adds exactly an import and an entry for a new step, breaking an import too long for one line", () => {
    // Prepare
    const name = "a".repeat(40);
    const base = [{ dir: "packages/tasks/b", packageName: "@o/task-b", owners: ["@o/t"], state: "B" }];
    const added = [
      ...base,
      { dir: `packages/tasks/${name}`, packageName: `@o/task-${name}`, owners: ["@o/t"], state: "A" },
    ];

    // Act
    const before = renderRegistry(base).split("\n");
    const after = renderRegistry(added).split("\n");

    // Assess
    expect(after.filter((line) => !before.includes(line))).toEqual([
      "import {",
      `  task as ${name},`,
      `} from "@o/task-${name}/task";`,
      `    dir: "packages/tasks/${name}",`,
      `    manifest: ${name},`,
    ]);
  });
});
