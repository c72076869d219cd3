import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FunctionManifest } from "@orderflow/domain";
import { deployedFunctions } from "../src/deployed-functions";
import type { PolicyDocument } from "../src/iam/policy-document";
import { parsePolicyDocument } from "../src/iam/wildcards";
import type { CapturedResource, MockCloud } from "../src/synth/mocks";
import { readStackFileWithSamples, type StackConfigInput, type StackName } from "../src/synth/stack-file";
import { type SynthRun, synthesize } from "../src/synth/synthesize";
import type { Variant } from "./container-variant";

export const INFRA_DIR = fileURLToPath(new URL("..", import.meta.url));
export const POLICY_PACK_DIR = fileURLToPath(new URL("../policy-pack", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What the deploy role must allow per resource type and provider function (`infra/iam/`). */
export const REQUIRED_ACTIONS = JSON.parse(
  readFileSync(fileURLToPath(new URL("../iam/required-actions.json", import.meta.url)), "utf8"),
) as { resources: Record<string, string[]>; invokes: Record<string, string[]> };

/** What the program deploys: the one list the program validates its config against. */
export const FUNCTIONS: readonly FunctionManifest[] = deployedFunctions();

export function stackFile(stack: StackName): StackConfigInput {
  return readStackFileWithSamples(INFRA_DIR, stack);
}

/**
 * Runs the program under mocks with a checked-in stack's config (and, optionally, other task manifests,
 * or what an earlier deploy left in the account).
 */
export function synthStack(stack: StackName, variant?: Variant, cloud?: MockCloud): Promise<SynthRun> {
  if (variant === undefined) return synthesize(stackFile(stack), undefined, cloud);
  return synthesize(
    stackFile(stack),
    async () => {
      const { orderflowProgram } = await import("../src/program");
      return () =>
        orderflowProgram({
          tasks: variant.tasks,
          ...(variant.imageSource && { imageSource: variant.imageSource }),
        });
    },
    cloud,
  );
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
