import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatFinding, lintWorkflow, loadWorkflows } from "../src";

const workflows = await loadWorkflows();

describe("actionlint on .github/workflows", () => {
  it("finds the delivery workflows (an empty folder would pass vacuously)", () => {
    expect(workflows.map((w) => w.path)).toEqual(
      expect.arrayContaining([
        ".github/workflows/ci.yml",
        ".github/workflows/preview.yml",
        ".github/workflows/preview-comment.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/pulumi-up.yml",
      ]),
    );
  });

  it.each(workflows.map((w) => [w.path, w] as const))("reports nothing in %s", async (path, workflow) => {
    const findings = await lintWorkflow(workflow.text, path);
    expect(findings.map((finding) => formatFinding(path, finding))).toEqual([]);
  });
});

describe("actionlint on a broken workflow", () => {
  it("reports every planted problem, each under its rule", async () => {
    // Prepare
    const path = "test/fixtures/broken-workflow.yml";
    const text = await readFile(new URL("./fixtures/broken-workflow.yml", import.meta.url), "utf8");

    // Act
    const findings = await lintWorkflow(text, path);

    // Assess
    const report = findings.map((finding) => `${finding.line} ${finding.kind}: ${finding.message}`);
    expect(report).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^6 permissions: unknown permission scope "id_token"/),
        expect.stringMatching(/^8 job-needs: job "preview" needs job "build" which does not exist/),
        expect.stringMatching(
          /^17 action: input "fetch-dept" is not defined in action "actions\/checkout@v4"/,
        ),
        expect.stringMatching(/^18 expression: property "stak" is not defined/),
        expect.stringMatching(
          /^19 expression: "github\.event\.pull_request\.title" is potentially untrusted/,
        ),
        expect.stringMatching(/^20 expression: /),
      ]),
    );
  });

  it("reports a YAML syntax error instead of passing a file it cannot read", async () => {
    const findings = await lintWorkflow("on: push\njobs:\n  a: [\n", "bad.yml");
    expect(findings.length).toBeGreaterThan(0);
  });
});
