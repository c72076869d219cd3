import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { COMMENT_MARKER } from "@orderflow/synth-diff";
import { describe, expect, it } from "vitest";
import { type Job, loadWorkflows, needsOf, REPO_ROOT, type Step, triggersOf, workflowNamed } from "../src";

const workflows = await loadWorkflows();
const ci = workflowNamed(workflows, "ci.yml");
const preview = workflowNamed(workflows, "preview.yml");
const comment = workflowNamed(workflows, "preview-comment.yml");
const deploy = workflowNamed(workflows, "deploy.yml");
const pulumiUp = workflowNamed(workflows, "pulumi-up.yml");

/** A GitHub expression as it appears in the YAML: `${{ inner }}`. */
function gh(inner: string): string {
  return `\${{ ${inner} }}`;
}

function job(workflow: { doc: { jobs: Readonly<Record<string, Job>> } }, name: string): Job {
  const found = workflow.doc.jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

function stepUsing(spec: Job, action: string): Step {
  const found = spec.steps?.find((step) => step.uses?.startsWith(`${action}@`));
  if (!found) throw new Error(`no step uses ${action}`);
  return found;
}

function runs(spec: Job): string {
  return (spec.steps ?? []).map((step) => step.run ?? "").join("\n");
}

/** Stacks that have a checked-in Pulumi.<stack>.yaml. */
async function stackFiles(): Promise<string[]> {
  const names = await readdir(join(REPO_ROOT, "infra")).catch(() => [] as string[]);
  return names.flatMap((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.slice(1) ?? []).sort();
}

describe("every workflow", () => {
  it.each(workflows.map((w) => [w.path, w] as const))(
    "%s grants only read access at the top",
    (_path, workflow) => {
      const top = workflow.doc.permissions;
      expect(top, "top-level permissions are explicit").toBeDefined();
      expect(typeof top === "string" ? top : Object.values(top ?? {})).not.toContain("write");
      expect(typeof top === "string" ? top : "").not.toMatch(/-all$/);
    },
  );

  it.each(workflows.map((w) => [w.path, w] as const))("%s bounds every job's time", (_path, workflow) => {
    const unbounded = Object.entries(workflow.doc.jobs)
      .filter(([, spec]) => spec.uses === undefined)
      .filter(([, spec]) => (spec as { "timeout-minutes"?: number })["timeout-minutes"] === undefined)
      .map(([name]) => name);
    expect(unbounded).toEqual([]);
  });

  it.each(workflows.map((w) => [w.path, w] as const))(
    "%s turns turbo's telemetry off where it runs turbo",
    (_path, workflow) => {
      if (!workflow.text.includes("turbo run")) return;
      expect(workflow.doc.env?.TURBO_TELEMETRY_DISABLED).toBe("1");
    },
  );

  it("never uses pull_request_target, which runs with write access next to pull-request code", () => {
    expect(
      workflows.filter((w) => triggersOf(w.doc).includes("pull_request_target")).map((w) => w.path),
    ).toEqual([]);
  });
});

describe("ci.yml", () => {
  const check = job(ci, "check");

  it("runs on pull requests and when deploy.yml calls it for main", () => {
    expect(triggersOf(ci.doc)).toEqual(expect.arrayContaining(["pull_request", "workflow_call"]));
  });

  it("checks only affected packages on pull requests, against the base commit, with full history", () => {
    const affected = check.steps?.find((step) => step.run?.includes("--affected"));
    expect(affected?.if).toBe("github.event_name == 'pull_request'");
    expect(affected?.run).toMatch(/turbo run lint typecheck build test --affected/);
    expect(affected?.env?.TURBO_SCM_BASE).toBe(gh("github.event.pull_request.base.sha"));
    expect(stepUsing(check, "actions/checkout").with?.["fetch-depth"]).toBe(0);
  });

  it("checks everything when not on a pull request", () => {
    const everything = check.steps?.find((step) => step.if === "github.event_name != 'pull_request'");
    expect(everything?.run).toMatch(/turbo run lint typecheck build test/);
    expect(everything?.run).not.toContain("--affected");
  });

  it("caches the pnpm store and turbo's cache, with the pnpm of packageManager and Node of .node-version", async () => {
    const rootPackage = JSON.parse(await readFile(join(REPO_ROOT, "package.json"), "utf8")) as {
      packageManager: string;
    };
    expect(rootPackage.packageManager).toMatch(/^pnpm@10\./);
    expect(stepUsing(check, "pnpm/action-setup").with?.version).toBeUndefined();
    expect(stepUsing(check, "actions/setup-node").with).toMatchObject({
      "node-version-file": ".node-version",
      cache: "pnpm",
    });
    expect(stepUsing(check, "actions/cache").with?.path).toBe(".turbo/cache");
    for (const line of runs(check)
      .split("\n")
      .filter((l) => l.includes("turbo run"))) {
      expect(line).toContain("--cache-dir=.turbo/cache");
    }
  });

  it("installs Java 17 for DynamoDB Local", () => {
    expect(stepUsing(check, "actions/setup-java").with?.["java-version"]).toBe("17");
  });
});

describe("preview.yml", () => {
  const previewJob = job(preview, "pulumi-preview");
  const synthJob = job(preview, "synth-diff");
  const matrix = (previewJob.strategy?.matrix?.include ?? []) as { stack: string; "role-variable": string }[];

  it("previews dev, staging, prod and every stack that has a Pulumi.<stack>.yaml", async () => {
    const stacks = matrix.map((entry) => entry.stack);
    expect(stacks).toEqual(expect.arrayContaining(["dev", "staging", "prod"]));
    expect(stacks).toEqual(expect.arrayContaining(await stackFiles()));
  });

  it("skips pull requests from forks, which get no secrets, instead of failing them", () => {
    expect(previewJob.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });

  it("asks for an OIDC token and comment rights, nothing more", () => {
    expect(previewJob.permissions).toEqual({
      contents: "read",
      "id-token": "write",
      "pull-requests": "write",
    });
  });

  it("assumes each stack's role from a repository variable through OIDC", () => {
    expect(matrix.map((entry) => entry["role-variable"])).toEqual(
      matrix.map((entry) => `AWS_PREVIEW_ROLE_ARN_${entry.stack.toUpperCase()}`),
    );
    const aws = stepUsing(previewJob, "aws-actions/configure-aws-credentials").with;
    expect(aws?.["role-to-assume"]).toBe(gh("vars[matrix.role-variable]"));
    expect(aws?.["aws-access-key-id"]).toBeUndefined();
  });

  it("runs pulumi preview with a diff and one edited comment per stack", () => {
    const pulumi = stepUsing(previewJob, "pulumi/actions");
    expect(pulumi.with).toMatchObject({
      command: "preview",
      "stack-name": gh("matrix.stack"),
      "work-dir": "infra",
      diff: true,
      "comment-on-pr": true,
      "edit-pr-comment": true,
    });
    expect(pulumi.env?.PULUMI_ACCESS_TOKEN).toBe(gh("secrets.PULUMI_ACCESS_TOKEN"));
  });

  it("synthesizes base and head with read access only and no secret", () => {
    const text = JSON.stringify(synthJob);
    expect(synthJob.permissions).toEqual({ contents: "read" });
    expect(text).not.toContain("secrets.");
    expect(text).not.toContain("id-token");
    const refs = (synthJob.steps ?? [])
      .filter((s) => s.uses?.startsWith("actions/checkout@"))
      .map((s) => s.with?.ref);
    expect(refs).toEqual([undefined, gh("github.event.pull_request.base.sha")]);
    expect(runs(synthJob).match(/run synth --stack all/g)).toHaveLength(2);
  });

  it("still fails the job when the head's synth failed, after posting what it could", () => {
    const steps = synthJob.steps ?? [];
    const head = steps.find((step) => step.id === "head");
    const last = steps.at(-1);
    expect(head?.["continue-on-error"]).toBe(true);
    expect(last?.if).toBe("steps.head.outcome == 'failure'");
    expect(last?.run).toMatch(/exit 1\s*$/);
  });

  it("hands the rendered comment to preview-comment.yml as the artifact it downloads", () => {
    const upload = stepUsing(synthJob, "actions/upload-artifact").with;
    const download = stepUsing(job(comment, "comment"), "actions/download-artifact").with;
    expect(upload?.name).toBe(download?.name);
  });
});

describe("preview-comment.yml", () => {
  const commentJob = job(comment, "comment");

  it("runs after the Preview workflow, by its name", () => {
    const on = comment.doc.on as { workflow_run?: { workflows?: string[] } };
    expect(on.workflow_run?.workflows).toEqual([preview.doc.name]);
  });

  it("never checks out or runs pull-request code: it downloads text and posts it", () => {
    expect(comment.text).not.toContain("actions/checkout");
    expect((commentJob.steps ?? []).filter((step) => step.run !== undefined)).toEqual([]);
  });

  it("may read artifacts and write comments, nothing more", () => {
    expect(commentJob.permissions).toEqual({ actions: "read", "pull-requests": "write" });
  });

  it("finds its previous comment by the marker synth-diff writes", () => {
    expect(String(stepUsing(commentJob, "actions/github-script").with?.script)).toContain(
      `const marker = "${COMMENT_MARKER}";`,
    );
  });
});

describe("deploy.yml and pulumi-up.yml", () => {
  const up = job(pulumiUp, "up");

  it("deploys on pushes to main only", () => {
    expect(deploy.doc.on).toEqual({ push: { branches: ["main"] } });
  });

  it("chains ci → dev → staging → prod", () => {
    expect(needsOf(job(deploy, "dev"))).toEqual(["ci"]);
    expect(needsOf(job(deploy, "staging"))).toEqual(["dev"]);
    expect(needsOf(job(deploy, "prod"))).toEqual(["staging"]);
    expect(job(deploy, "ci").uses).toBe("./.github/workflows/ci.yml");
  });

  it.each(["dev", "staging", "prod"])(
    "deploys %s with its own role, through pulumi-up.yml, with an OIDC token",
    (stack) => {
      const spec = job(deploy, stack);
      expect(spec.uses).toBe("./.github/workflows/pulumi-up.yml");
      expect(spec.with).toEqual({ stack, "role-arn": gh(`vars.AWS_ROLE_ARN_${stack.toUpperCase()}`) });
      expect(spec.permissions).toEqual({ contents: "read", "id-token": "write" });
    },
  );

  it("runs each stack behind the GitHub Environment of the same name", () => {
    expect(up.environment).toMatchObject({ name: gh("inputs.stack") });
  });

  it("lets one deployment per stack run at a time and never cancels one in flight", () => {
    expect(up.concurrency).toEqual({ group: `deploy-${gh("inputs.stack")}`, "cancel-in-progress": false });
  });

  it("runs pulumi up on the stack and puts the stack outputs in the job summary", () => {
    expect(stepUsing(up, "pulumi/actions").with).toMatchObject({
      command: "up",
      "stack-name": gh("inputs.stack"),
      "work-dir": "infra",
    });
    expect(runs(up)).toMatch(/pulumi stack output --json --stack "\$STACK"[\s\S]*>> "\$GITHUB_STEP_SUMMARY"/);
  });
});
