import { describe, expect, it } from "vitest";
import { KNOWN_ACTIONS, loadWorkflows, PINNED_ACTION, stepsOf, type Workflow } from "../src";

const workflows = await loadWorkflows();

/** Every `uses:` of a step, with where it is. */
function actionSteps(list: readonly Workflow[]) {
  return list.flatMap((workflow) =>
    stepsOf(workflow)
      .filter(({ step }) => step.uses !== undefined)
      .map(({ job, index, step }) => ({
        where: `${workflow.path} ${job} step ${index + 1}`,
        uses: step.uses as string,
        inputs: Object.keys(step.with ?? {}),
      })),
  );
}

/** Jobs that call a reusable workflow in this repository. */
function localCalls(list: readonly Workflow[]) {
  return list.flatMap((workflow) =>
    Object.entries(workflow.doc.jobs)
      .filter(([, job]) => job.uses?.startsWith("./"))
      .map(([name, job]) => ({ where: `${workflow.path} job ${name}`, job })),
  );
}

describe("actions used by the workflows", () => {
  const steps = actionSteps(workflows);

  it("finds action steps to check", () => {
    expect(steps.length).toBeGreaterThan(10);
  });

  it("pins every action to a major version or a commit SHA", () => {
    const unpinned = steps.filter((s) => !s.uses.startsWith("./") && !PINNED_ACTION.test(s.uses));
    expect(unpinned.map((s) => `${s.where}: ${s.uses}`)).toEqual([]);
  });

  it("uses only actions whose inputs are listed in KNOWN_ACTIONS", () => {
    const unknown = steps.filter((s) => !(s.uses in KNOWN_ACTIONS));
    expect(unknown.map((s) => `${s.where}: ${s.uses}`)).toEqual([]);
  });

  it("passes only inputs the action defines (GitHub ignores a misspelt one silently)", () => {
    const wrong = steps.flatMap((s) => {
      const known = KNOWN_ACTIONS[s.uses]?.inputs ?? [];
      return s.inputs
        .filter((input) => !known.includes(input))
        .map((input) => `${s.where}: ${s.uses} ${input}`);
    });
    expect(wrong).toEqual([]);
  });

  it("passes every input the action requires", () => {
    const missing = steps.flatMap((s) =>
      (KNOWN_ACTIONS[s.uses]?.required ?? [])
        .filter((input) => !s.inputs.includes(input))
        .map((input) => `${s.where}: ${s.uses} needs ${input}`),
    );
    expect(missing).toEqual([]);
  });
});

describe("calls of the repository's reusable workflows", () => {
  const calls = localCalls(workflows);

  it("finds the calls deploy.yml makes", () => {
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });

  it.each(calls.map((c) => [c.where, c] as const))(
    "%s matches the called workflow's inputs and secrets",
    (_where, call) => {
      // Prepare
      const target = workflows.find((w) => `./${w.path}` === call.job.uses);
      if (!target) throw new Error(`${call.job.uses} does not exist`);
      const on = target.doc.on as { workflow_call?: Record<string, Record<string, { required?: boolean }>> };
      const declared = on.workflow_call;
      expect(declared, `${call.job.uses} is triggered by workflow_call`).toBeDefined();
      const inputs = declared?.inputs ?? {};
      const secrets = declared?.secrets ?? {};
      const passedInputs = Object.keys(call.job.with ?? {});
      const passedSecrets =
        call.job.secrets === "inherit" ? Object.keys(secrets) : Object.keys(call.job.secrets ?? {});

      // Assess
      expect(passedInputs.filter((name) => !(name in inputs))).toEqual([]);
      expect(
        Object.keys(inputs).filter((name) => inputs[name]?.required && !passedInputs.includes(name)),
      ).toEqual([]);
      expect(passedSecrets.filter((name) => !(name in secrets))).toEqual([]);
      expect(
        Object.keys(secrets).filter((name) => secrets[name]?.required && !passedSecrets.includes(name)),
      ).toEqual([]);
    },
  );
});
