/**
 * No Docker engine runs here, so the image's key properties are checked on the Dockerfile itself: a
 * multi-stage build on a pinned Node 24 base, only the bundle in the final stage, a non-root user, the
 * bundle as entry, and a build context that lets nothing else in.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Dockerfile instructions, continuation lines joined and comments dropped, grouped by stage. */
function stagesOf(dockerfile: string): Instruction[][] {
  const instructions = dockerfile
    .replaceAll(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const stages = stagesOf(read("Dockerfile"));
const finalStage = stages.at(-1) ?? [];
const imageOf = (stage: readonly Instruction[]) =>
  (stage[0]?.args ?? "").split(/\s+/).find((word) => !word.startsWith("--")) ?? "";
const stageName = (stage: readonly Instruction[]) => /\bAS\s+(\S+)/i.exec(stage[0]?.args ?? "")?.[1];
const all = (stage: readonly Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);
/** Where the container build writes its bundle, from the package's build script. */
const bundleDir = /--outfile=(\S+)\/main\.mjs/.exec(packageJson.scripts["build:container"])?.[1] ?? "";

describe("the container image's Dockerfile", () => {
  it("builds in several stages", () => {
    // Assess
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it("pins every base image to an exact Node 24 release (or a digest), never a floating tag", () => {
    // Assess
    for (const stage of stages) {
      expect(imageOf(stage)).toMatch(
        /^(node:24\.\d+\.\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?|gcr\.io\/distroless\/nodejs24-debian12(:[\w.-]+)?@sha256:[0-9a-f]{64})$/,
      );
    }
  });

  it("copies only the bundle: the build stage takes the package's container bundle, the final stage only from it", () => {
    // Assess
    expect(bundleDir).toBe("dist/container");
    const builds = stages.slice(0, -1);
    for (const copy of builds.flatMap((stage) => all(stage, "COPY"))) {
      expect(copy.args).toMatch(new RegExp(`^${bundleDir}/? `));
    }
    const copies = all(finalStage, "COPY").concat(all(finalStage, "ADD"));
    expect(copies.length).toBeGreaterThan(0);
    const stageNames = builds.map(stageName);
    for (const copy of copies) {
      expect(copy.keyword).toBe("COPY");
      expect(stageNames).toContain(/--from=(\S+)/.exec(copy.args)?.[1]);
    }
  });

  it("runs the task as a non-root user", () => {
    // Assess
    const user = all(finalStage, "USER").at(-1)?.args ?? "root";
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("starts the bundle with node", () => {
    // Assess
    const start = all(finalStage, "ENTRYPOINT").concat(all(finalStage, "CMD")).at(-1)?.args ?? "[]";
    expect(JSON.parse(start)).toEqual(["node", "main.mjs"]);
  });
});

describe("the image's build context (.dockerignore)", () => {
  it("leaves out everything but the container bundle", () => {
    // Prepare
    const patterns = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));

    // Assess
    expect(patterns).toEqual(["*", `!${bundleDir}/`]);
  });
});
