import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { containerImage } from "../src/code";
import { fargateSizeProblem } from "../src/platform";
import { PROGRAM_DIR } from "../src/program-dir";

/** A throwaway task package: package.json, an exported module, and optionally a Dockerfile and bundle. */
function taskPackage(files: Readonly<Record<string, string>>): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), "container-build-"));
  const all = { "package.json": '{"name":"fixture"}', "src/task.js": "export {};", ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  made.push(dir);
  return { dir, entry: join(dir, "src/task.js") };
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DOCKERFILE = "FROM node:24-slim\nCOPY dist/container/ /app/\n";

describe("container image source", () => {
  it("builds from the package folder and its Dockerfile, tagged by content", () => {
    // Prepare
    const { dir, entry } = taskPackage({ Dockerfile: DOCKERFILE, "dist/container/main.mjs": "run()" });

    // Act
    const image = containerImage(entry);

    // Assess: relative to the program's folder, where the Pulumi CLI runs it
    expect(isAbsolute(image.context)).toBe(false);
    expect(resolve(PROGRAM_DIR, image.context)).toBe(dir);
    expect(resolve(PROGRAM_DIR, image.dockerfile)).toBe(join(dir, "Dockerfile"));
    expect(image.tag).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps the tag while nothing the image holds changes, and changes it when the bundle or Dockerfile does", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (bundle, otherBundle, extra) => {
        // Prepare
        const base = { Dockerfile: DOCKERFILE, "dist/container/main.mjs": bundle, "src/other.ts": extra };
        const same = taskPackage(base);
        const again = taskPackage({ ...base, "src/other.ts": `${extra}!` });
        const changedBundle = taskPackage({ ...base, "dist/container/main.mjs": otherBundle });
        const changedDockerfile = taskPackage({ ...base, Dockerfile: `${DOCKERFILE}USER 1000\n` });

        // Act
        const tag = (p: { entry: string }) => containerImage(p.entry).tag;

        // Assess
        expect(tag(again)).toBe(tag(same));
        expect(tag(changedDockerfile)).not.toBe(tag(same));
        if (otherBundle !== bundle) expect(tag(changedBundle)).not.toBe(tag(same));
        for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 20 },
    );
  });

  it("refuses a package without a Dockerfile or without its container bundle, saying how to fix it", () => {
    const noDockerfile = taskPackage({ "dist/container/main.mjs": "run()" });
    const notBuilt = taskPackage({ Dockerfile: DOCKERFILE });
    expect(() => containerImage(noDockerfile.entry)).toThrow("a container task needs a Dockerfile");
    expect(() => containerImage(notBuilt.entry)).toThrow(
      "dist/container/main.mjs is missing: run `pnpm turbo run build --filter=@orderflow/infra...` first",
    );
  });
});

describe("Fargate task sizes", () => {
  const SIZES: Readonly<Record<number, readonly number[]>> = {
    256: [512, 1024, 2048],
    512: [1024, 2048, 3072, 4096],
    1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  };

  it("accepts exactly the memory sizes Fargate offers for a CPU size", () => {
    fc.assert(
      fc.property(fc.constantFrom(256, 512, 1024), fc.integer({ min: 1, max: 16 }), (cpu, gib) => {
        const memory = gib * 512;
        const allowed = SIZES[cpu]?.includes(memory) ?? false;
        expect(fargateSizeProblem(cpu, memory) === undefined).toBe(allowed);
      }),
    );
  });

  it("names the allowed range when the memory does not fit", () => {
    expect(fargateSizeProblem(2048, 2048)).toBe(
      "memory 2048 MiB does not fit cpu 2048; Fargate allows 4096 to 16384 MiB in steps of 1024",
    );
    expect(fargateSizeProblem(100, 512)).toMatch(/^cpu 100 is not a Fargate size; use one of 256, 512/);
  });
});
