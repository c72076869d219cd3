import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { COMMENT_MARKER } from "@orderflow/synth-diff";
import { describe, expect, it } from "vitest";
import {
  type Job,
  loadWorkflows,
  needsOf,
  REPO_ROOT,
  type Step,
  stepsOf,
  triggersOf,
  workflowNamed,
} from "../src";

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

describe("the Pulumi CLI", () => {
  const pulumiSteps = workflows.flatMap((w) =>
    stepsOf(w)
      .filter(({ step }) => step.uses?.startsWith("pulumi/actions@"))
      .map(({ job: name, step }) => ({ where: `${w.path} ${name}`, step })),
  );

  it("is pinned by one version file, an exact version, the same as the @pulumi/pulumi the program uses", async () => {
    // Prepare
    const pin = (await readFile(join(REPO_ROOT, ".pulumi-version"), "utf8")).trim();
    const infra = JSON.parse(await readFile(join(REPO_ROOT, "infra/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };

    // Assess
    expect(pin).toMatch(/^\d+\.\d+\.\d+$/);
    expect(infra.dependencies["@pulumi/pulumi"]).toBe(pin);
  });

  it("is installed from .pulumi-version by every pulumi/actions step of every workflow", () => {
    expect(pulumiSteps.length).toBeGreaterThanOrEqual(3);
    for (const { where, step } of pulumiSteps) {
      expect(step.with?.["pulumi-version-file"], where).toBe(".pulumi-version");
      expect(step.with?.["pulumi-version"], where).toBeUndefined();
    }
  });

  it("is installed before any step that runs it", () => {
    for (const workflow of workflows) {
      for (const [name, spec] of Object.entries(workflow.doc.jobs)) {
        const steps = spec.steps ?? [];
        const firstUse = steps.findIndex((s) =>
          /\b(pulumi|orderflow (preflight|rollout))\b/.test(s.run ?? ""),
        );
        if (firstUse === -1) continue;
        const installed = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
        expect(installed, `${workflow.path} ${name}`).toBeGreaterThan(-1);
        expect(installed, `${workflow.path} ${name}`).toBeLessThan(firstUse);
      }
    }
  });
});

describe("ci.yml", () => {
  const check = job(ci, "check");

  it("runs on pull requests and when deploy.yml calls it for main", () => {
    expect(triggersOf(ci.doc)).toEqual(expect.arrayContaining(["pull_request", "workflow_call"]));
  });

  it("builds and tests only affected packages on pull requests, against the base commit, with full history", () => {
    const affected = check.steps?.find((step) => step.run?.includes("--affected"));
    expect(affected?.if).toBe("github.event_name == 'pull_request'");
    expect(affected?.run).toMatch(/turbo run build test --affected/);
    expect(affected?.env?.TURBO_SCM_BASE).toBe(gh("github.event.pull_request.base.sha"));
    expect(stepUsing(check, "actions/checkout").with?.["fetch-depth"]).toBe(0);
  });

  it("lints and typechecks the whole tree on pull requests: root tasks, which --affected would skip", () => {
    const affected = check.steps?.find((step) => step.run?.includes("--affected"));
    const wholeTree = affected?.run?.split("\n").find((line) => /turbo run lint typecheck\b/.test(line));
    expect(wholeTree).toBeDefined();
    expect(wholeTree).not.toContain("--affected");
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
      "stack-name": `${gh("vars.PULUMI_ORGANIZATION")}/orderflow/${gh("matrix.stack")}`,
      "work-dir": "infra",
      diff: true,
      "comment-on-pr": true,
      "edit-pr-comment": true,
    });
  });

  it("previews with a read-scoped Pulumi token of the preview team, never a token that can update a stack", () => {
    // Prepare
    const steps = previewJob.steps ?? [];
    const auth = stepUsing(previewJob, "pulumi/auth-actions");

    // Assess: exchanged through OIDC before the preview, and no stored token anywhere in the job
    expect(auth.with).toEqual({
      organization: gh("vars.PULUMI_ORGANIZATION"),
      "requested-token-type": "urn:pulumi:token-type:access_token:team",
      scope: `team:${gh("vars.PULUMI_PREVIEW_TEAM")}`,
    });
    expect(steps.indexOf(auth)).toBeLessThan(steps.indexOf(stepUsing(previewJob, "pulumi/actions")));
    expect(JSON.stringify(previewJob)).not.toMatch(/\bsecrets\.[A-Z]/);
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

  it.each([
    ["dev", { stack: "dev" }],
    ["staging", { stack: "staging" }],
    ["prod", { stack: "prod", canary: true }],
  ])("deploys %s through pulumi-up.yml with an OIDC token and no stored secret", (stack, inputs) => {
    const spec = job(deploy, stack);
    expect(spec.uses).toBe("./.github/workflows/pulumi-up.yml");
    expect(spec.with).toEqual(inputs);
    expect(spec.secrets).toBeUndefined();
    expect(spec.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("takes the AWS role and the Pulumi team from the stack's GitHub Environment", () => {
    // Prepare
    const aws = stepUsing(up, "aws-actions/configure-aws-credentials").with;
    const pulumi = stepUsing(up, "pulumi/auth-actions").with;

    // Assess: environment-level variables, so only a job in that environment (prod: approved) sees them
    expect(aws?.["role-to-assume"]).toBe(gh("vars.AWS_DEPLOY_ROLE_ARN"));
    expect(pulumi).toEqual({
      organization: gh("vars.PULUMI_ORGANIZATION"),
      "requested-token-type": "urn:pulumi:token-type:access_token:team",
      scope: `team:${gh("vars.PULUMI_DEPLOY_TEAM")}`,
    });
    expect(pulumiUp.text).not.toMatch(/\bsecrets\.[A-Z]/);
    expect(deploy.text).not.toMatch(/\bsecrets\.[A-Z]/);
  });

  it("runs preflight before pulumi up, and the canary rollout after it only when asked", () => {
    // Prepare
    const steps = up.steps ?? [];
    const at = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ""));
    const upStep = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up");
    const rollout = steps[at(/orderflow rollout/)];

    // Assess
    expect(at(/pnpm orderflow preflight --stack "\$STACK"/)).toBeGreaterThan(-1);
    expect(at(/orderflow preflight/)).toBeLessThan(upStep);
    expect(at(/pnpm orderflow rollout --stack "\$STACK"/)).toBeGreaterThan(upStep);
    expect(rollout?.if).toBe("inputs.canary");
    expect(up["timeout-minutes" as keyof typeof up]).toBe(`${gh("inputs.canary && 120 || 60")}`);
  });

  it("runs each stack behind the GitHub Environment of the same name", () => {
    expect(up.environment).toMatchObject({ name: gh("inputs.stack") });
  });

  it("lets one deployment per stack run at a time and never cancels one in flight", () => {
    expect(up.concurrency).toEqual({ group: `deploy-${gh("inputs.stack")}`, "cancel-in-progress": false });
  });

  it("runs pulumi up on the stack and puts the stack outputs in the job summary", () => {
    const upStep = (up.steps ?? []).find(
      (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command === "up",
    );
    expect(upStep?.with).toMatchObject({
      "stack-name": `${gh("vars.PULUMI_ORGANIZATION")}/orderflow/${gh("inputs.stack")}`,
      "work-dir": "infra",
    });
    expect(runs(up)).toMatch(/pulumi stack output --json --stack "\$STACK"[\s\S]*>> "\$GITHUB_STEP_SUMMARY"/);
  });
});
