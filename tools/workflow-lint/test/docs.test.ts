import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadWorkflows, REPO_ROOT } from "../src";

const read = (path: string) => readFile(join(REPO_ROOT, path), "utf8");
const operations = await read("docs/operations.md");

describe("docs/operations.md", () => {
  it("documents every key the stack files set", async () => {
    // Prepare
    const stackFiles = (await readdir(join(REPO_ROOT, "infra"))).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
    const keys = new Set<string>();
    for (const file of stackFiles) {
      const doc = parse(await read(`infra/${file}`)) as { config?: Record<string, unknown> };
      for (const key of Object.keys(doc.config ?? {})) keys.add(key);
    }

    // Act
    const undocumented = [...keys].filter((key) => !operations.includes(`\`${key}`));

    // Assess
    expect(stackFiles.length).toBeGreaterThanOrEqual(3);
    expect(undocumented).toEqual([]);
  });

  it("names every repository variable and secret the workflows read", async () => {
    // Prepare
    const texts = (await loadWorkflows()).map((w) => w.text).join("\n");
    const names = new Set([
      ...[...texts.matchAll(/\b(?:vars|secrets)\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string),
      ...[...texts.matchAll(/role-variable: ([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string),
    ]);

    // Act
    const undocumented = [...names].filter((name) => !operations.includes(`\`${name}\``));

    // Assess
    expect(names.size).toBeGreaterThanOrEqual(8);
    expect(undocumented).toEqual([]);
  });

  it("names the checks branch protection can require by the job names GitHub gives them", async () => {
    // Prepare
    const workflows = await loadWorkflows();
    const jobName = (file: string, job: string) =>
      workflows.find((w) => w.path.endsWith(`/${file}`))?.doc.jobs[job]?.name ?? `(no ${file} ${job})`;
    const protection = operations.slice(operations.indexOf("**Branch protection on `main`**"));

    // Assess
    expect(protection).toContain(`\`${jobName("ci.yml", "check")}\``);
    expect(protection).toContain(`\`${jobName("preview.yml", "synth-diff")}\``);
    expect(protection).not.toMatch(/require the `CI` check/);
  });

  it("links every role policy in infra/iam", async () => {
    const files = (await readdir(join(REPO_ROOT, "infra/iam"))).filter((f) =>
      /-role-(policy|trust)\.json$/.test(f),
    );
    expect(files).toHaveLength(4);
    for (const file of files) expect(operations).toContain(`(../infra/iam/${file})`);
  });
});
