import { chmod, readFile, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { GeneratorError, pnpmInstall, runCli } from "../src";
import { fixtureRepo, tempDir } from "./repo-fixtures";

/**
 * A stand-in `pnpm` first on PATH: it records its arguments and working folder, then runs `body`. The
 * generator's install step is about what it asks pnpm and what it makes of the answer; the real pnpm
 * runs in the end-to-end test's copy.
 */
async function fakePnpm(body: string): Promise<{ env: NodeJS.ProcessEnv; calls: () => Promise<string> }> {
  const bin = await tempDir("fake-pnpm");
  const log = join(bin, "calls.log");
  await writeFile(join(bin, "pnpm"), `#!/bin/sh\necho "$PWD $*" >> "${log}"\n${body}\n`);
  await chmod(join(bin, "pnpm"), 0o755);
  return {
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` },
    calls: () => readFile(log, "utf8").catch(() => ""),
  };
}

describe("pnpmInstall", () => {
  it("runs pnpm install at the root, lockfile not frozen, store first, and reports a lockfile change", async () => {
    // Prepare
    const root = await fixtureRepo();
    await writeFile(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    const pnpm = await fakePnpm('echo "  packages/tasks/gift-wrap: {}" >> pnpm-lock.yaml');

    // Act
    const changed = await pnpmInstall(root, pnpm.env);

    // Assess
    expect(changed).toBe(true);
    expect(await pnpm.calls()).toBe(`${root} install --no-frozen-lockfile --prefer-offline\n`);
  });

  it("reports an unchanged lockfile as unchanged", async () => {
    // Prepare
    const root = await fixtureRepo();
    await writeFile(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    const pnpm = await fakePnpm("true");

    // Act
    const changed = await pnpmInstall(root, pnpm.env);

    // Assess
    expect(changed).toBe(false);
  });

  it("says what failed and what to do when pnpm fails, with the end of its output", async () => {
    // Prepare
    const root = await fixtureRepo();
    const pnpm = await fakePnpm('echo "ERR_PNPM_FETCH_404 no such package" >&2; exit 3');

    // Act
    const attempt = pnpmInstall(root, pnpm.env);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(GeneratorError);
    await expect(attempt).rejects.toThrow(
      "pnpm install failed (exit 3); the package is in place, fix the cause and run `pnpm install`:\nERR_PNPM_FETCH_404 no such package",
    );
  });

  it("says pnpm is missing when it is not on PATH", async () => {
    // Prepare
    const root = await fixtureRepo();

    // Act
    const attempt = pnpmInstall(root, { PATH: await tempDir("empty-path") });

    // Assess
    await expect(attempt).rejects.toThrow(
      /could not run pnpm: .*ENOENT.*; is pnpm on PATH\? Run `pnpm install` yourself/,
    );
  });
});

describe("runCli with the install step", () => {
  it("installs after generating and tells the user to commit the changed lockfile", async () => {
    // Prepare
    const root = await fixtureRepo();
    await writeFile(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    const pnpm = await fakePnpm('echo "  packages/tasks/gift-wrap: {}" >> pnpm-lock.yaml');
    const out: string[] = [];

    // Act
    const code = await runCli(
      ["task", "gift-wrap", "--team", "@orderflow/gifts-team"],
      { stdout: (t) => out.push(t), stderr: (t) => out.push(t) },
      { cwd: root, env: pnpm.env },
    );

    // Assess
    expect(code).toBe(0);
    expect(await pnpm.calls()).toContain("install");
    expect(out.join("")).toContain(
      "pnpm-lock.yaml changed: commit it together with packages/tasks/gift-wrap and .github/CODEOWNERS.",
    );
  });

  it("exits 1 naming the failed install, and keeps the finished package", async () => {
    // Prepare
    const root = await fixtureRepo();
    const pnpm = await fakePnpm("exit 1");
    const err: string[] = [];

    // Act
    const code = await runCli(
      ["task", "gift-wrap", "--team", "@orderflow/gifts-team"],
      { stdout: () => {}, stderr: (t) => err.push(t) },
      { cwd: root, env: pnpm.env },
    );

    // Assess
    expect(code).toBe(1);
    expect(err.join("")).toContain("error: pnpm install failed (exit 1); the package is in place");
    expect(await readFile(join(root, "packages/tasks/gift-wrap/package.json"), "utf8")).toContain(
      "@orderflow/task-gift-wrap",
    );
  });
});
