import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT, workflowFiles } from "./repo";

/** The parts of a GitHub workflow the checks read; everything else stays `unknown`. */
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly "working-directory"?: string;
  readonly "continue-on-error"?: unknown;
}

export interface Job {
  readonly name?: string;
  readonly if?: string;
  readonly needs?: string | readonly string[];
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly secrets?: "inherit" | Readonly<Record<string, unknown>>;
  readonly permissions?: string | Readonly<Record<string, string>>;
  readonly environment?: string | { readonly name: string; readonly url?: string };
  readonly concurrency?: string | { readonly group: string; readonly "cancel-in-progress"?: unknown };
  readonly strategy?: { readonly matrix?: Readonly<Record<string, unknown>> };
  readonly env?: Readonly<Record<string, unknown>>;
  readonly steps?: readonly Step[];
}

export interface WorkflowDoc {
  readonly name?: string;
  readonly on: string | readonly string[] | Readonly<Record<string, unknown>>;
  readonly permissions?: string | Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

export interface Workflow {
  /** Repository-relative, e.g. `.github/workflows/ci.yml`. */
  readonly path: string;
  readonly text: string;
  readonly doc: WorkflowDoc;
}

/** Every workflow file, read and parsed (YAML 1.2, so `on:` stays a key and does not become `true`). */
export async function loadWorkflows(root = REPO_ROOT): Promise<Workflow[]> {
  const paths = await workflowFiles(root);
  return Promise.all(
    paths.map(async (path) => {
      const text = await readFile(join(root, path), "utf8");
      return { path, text, doc: parse(text) as WorkflowDoc };
    }),
  );
}

/** The events a workflow runs on. */
export function triggersOf(doc: WorkflowDoc): string[] {
  if (typeof doc.on === "string") return [doc.on];
  if (Array.isArray(doc.on)) return [...doc.on];
  return Object.keys(doc.on);
}

/** Every step of every job, with where it is. */
export function stepsOf(workflow: Workflow): { job: string; index: number; step: Step }[] {
  return Object.entries(workflow.doc.jobs).flatMap(([job, spec]) =>
    (spec.steps ?? []).map((step, index) => ({ job, index, step })),
  );
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return typeof job.needs === "string" ? [job.needs] : [...job.needs];
}

/** The workflow with this file name (`ci.yml`); throws naming what exists when it is missing. */
export function workflowNamed(workflows: readonly Workflow[], file: string): Workflow {
  const found = workflows.find((w) => w.path.endsWith(`/${file}`));
  if (!found)
    throw new Error(`no .github/workflows/${file}; found ${workflows.map((w) => w.path).join(", ")}`);
  return found;
}
