import { COMMENT_MARKER } from "@orderflow/synth-diff";
import { describe, expect, it } from "vitest";
import { loadWorkflows, workflowNamed } from "../src";

const workflow = workflowNamed(await loadWorkflows(), "preview-comment.yml");
const script = String(
  workflow.doc.jobs.comment?.steps?.find((step) => step.uses?.startsWith("actions/github-script@"))?.with
    ?.script,
);

interface Comment {
  readonly id: number;
  readonly body: string;
  readonly user: { readonly login: string };
}

/**
 * Runs the step's script the way actions/github-script does (an async function body with `require`,
 * `github`, `context`, `core` in scope), against an artifact given as file contents and a fake GitHub.
 */
async function runScript(options: {
  artifact: Record<string, string>;
  prHead?: string;
  comments?: Comment[];
}) {
  const calls: { api: string; params: Record<string, unknown> }[] = [];
  const messages: { failed: string[]; notices: string[] } = { failed: [], notices: [] };
  const fs = {
    readFileSync: (path: string) => {
      const content = options.artifact[path];
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
  };
  const record = (api: string) => async (params: Record<string, unknown>) => {
    calls.push({ api, params });
    return { data: {} };
  };
  const github = {
    rest: {
      pulls: {
        get: async (params: Record<string, unknown>) => {
          calls.push({ api: "pulls.get", params });
          return { data: { head: { sha: options.prHead ?? "head-sha" } } };
        },
      },
      issues: {
        listComments: record("issues.listComments"),
        updateComment: record("issues.updateComment"),
        createComment: record("issues.createComment"),
      },
    },
    paginate: async (_fn: unknown, params: Record<string, unknown>) => {
      calls.push({ api: "paginate(issues.listComments)", params });
      return options.comments ?? [];
    },
  };
  const core = {
    setFailed: (message: string) => messages.failed.push(message),
    notice: (message: string) => messages.notices.push(message),
  };
  const context = { repo: { owner: "orderflow", repo: "orderflow" } };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const run = new AsyncFunction("require", "github", "context", "core", "process", script);
  await run((name: string) => (name === "node:fs" ? fs : undefined), github, context, core, {
    env: { HEAD_SHA: "head-sha" },
  });
  return { calls, ...messages };
}

const body = `${COMMENT_MARKER}\n### Offline synth diff\n`;

describe("preview-comment.yml's script", () => {
  it("creates the comment on the pull request when none has the marker", async () => {
    // Act
    const { calls, failed } = await runScript({
      artifact: { "synth-diff/comment.md": body, "synth-diff/pr-number": "42\n" },
      comments: [{ id: 1, body: "LGTM", user: { login: "octocat" } }],
    });

    // Assess
    expect(failed).toEqual([]);
    expect(calls.map((c) => c.api)).toEqual([
      "pulls.get",
      "paginate(issues.listComments)",
      "issues.createComment",
    ]);
    expect(calls.at(-1)?.params).toEqual({ owner: "orderflow", repo: "orderflow", issue_number: 42, body });
  });

  it("edits its own earlier comment, never somebody else's that quotes the marker", async () => {
    const { calls } = await runScript({
      artifact: { "synth-diff/comment.md": body, "synth-diff/pr-number": "42" },
      comments: [
        { id: 5, body: `${COMMENT_MARKER} quoted by a person`, user: { login: "octocat" } },
        { id: 9, body: `${COMMENT_MARKER}\nold`, user: { login: "github-actions[bot]" } },
      ],
    });
    expect(calls.at(-1)).toEqual({
      api: "issues.updateComment",
      params: { owner: "orderflow", repo: "orderflow", comment_id: 9, body },
    });
  });

  it("does not comment when the pull request has moved past the commit the run built", async () => {
    const { calls, notices, failed } = await runScript({
      artifact: { "synth-diff/comment.md": body, "synth-diff/pr-number": "42" },
      prHead: "newer-sha",
    });
    expect(calls.map((c) => c.api)).toEqual(["pulls.get"]);
    expect(notices).toHaveLength(1);
    expect(failed).toEqual([]);
  });

  it.each([
    ["a body without the marker", { "synth-diff/comment.md": "hello", "synth-diff/pr-number": "42" }],
    [
      "a pull-request number that is not one",
      { "synth-diff/comment.md": body, "synth-diff/pr-number": "42; rm" },
    ],
    ["a negative pull-request number", { "synth-diff/comment.md": body, "synth-diff/pr-number": "-3" }],
  ])("refuses %s and calls no API", async (_case, artifact) => {
    const { calls, failed } = await runScript({ artifact });
    expect(calls).toEqual([]);
    expect(failed).toEqual(["The synth-diff artifact is malformed; not commenting."]);
  });

  it("cuts an oversized body to what GitHub accepts", async () => {
    const { calls } = await runScript({
      artifact: { "synth-diff/comment.md": body + "x".repeat(70_000), "synth-diff/pr-number": "42" },
    });
    expect(String(calls.at(-1)?.params.body).length).toBe(65_000);
  });
});
