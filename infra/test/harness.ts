import { fileURLToPath } from "node:url";
import { apiFunction } from "@orderflow/api/function";
import type { FunctionManifest } from "@orderflow/domain";
import { task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import type { PolicyDocument } from "../src/iam/policy-document";
import { parsePolicyDocument } from "../src/iam/wildcards";
import type { CapturedResource } from "../src/synth/mocks";
import { readStackFile, type StackConfigInput, type StackName } from "../src/synth/stack-file";
import { type SynthRun, synthesize } from "../src/synth/synthesize";
import type { Variant } from "./container-variant";

export const INFRA_DIR = fileURLToPath(new URL("..", import.meta.url));
export const POLICY_PACK_DIR = fileURLToPath(new URL("../policy-pack", import.meta.url));

/** What the program deploys, read from the same sources the program reads (not from the program module). */
export const FUNCTIONS: readonly FunctionManifest[] = [...WORKFLOW_TASKS, apiFunction, notifyFunction];

export function stackFile(stack: StackName): StackConfigInput {
  return readStackFile(INFRA_DIR, stack);
}

/** Runs the program under mocks with a checked-in stack's config (and, optionally, other task manifests). */
export function synthStack(stack: StackName, variant?: Variant): Promise<SynthRun> {
  if (variant === undefined) return synthesize(stackFile(stack));
  return synthesize(stackFile(stack), async () => {
    const { orderflowProgram } = await import("../src/program");
    return () =>
      orderflowProgram({
        tasks: variant.tasks,
        ...(variant.imageSource && { imageSource: variant.imageSource }),
      });
  });
}

export function ofType(run: SynthRun, type: string): CapturedResource[] {
  return run.captured.filter((r) => r.type === type);
}

export function named(run: SynthRun, type: string, name: string): CapturedResource {
  const found = run.captured.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} was captured`);
  return found;
}

/** The parsed policy document of a resource input (`policy`, `assumeRolePolicy`). */
export function documentOf(resource: CapturedResource, input = "policy"): PolicyDocument {
  return parsePolicyDocument(String(resource.inputs[input]));
}

export function stringState(resource: CapturedResource, key: string): string {
  const value = resource.state[key];
  if (typeof value !== "string") throw new Error(`${resource.name} has no ${key} output`);
  return value;
}
