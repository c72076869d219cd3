import { ConfigError, readStackPlan, type StackPlan } from "@orderflow/infra/stack-plan";
import type { RunProgram } from "../run-program";
import { readStackOutputs, StackOutputsError } from "../stack-outputs";
import { RolloutFailure } from "./rollout-failure";

/** What a rollout works on: the stack's plan (canary settings), its live alias and its alarms. */
export interface RolloutTarget {
  readonly plan: StackPlan;
  readonly aliasArn: string;
  readonly alarmNames: readonly string[];
}

/** The stack file's canary settings and the deployed stack's alias and alarms, or a one-line failure. */
export async function rolloutTarget(
  stack: string,
  infraDir: string,
  run: RunProgram,
): Promise<RolloutTarget> {
  let plan: StackPlan;
  try {
    plan = readStackPlan(stack, infraDir);
  } catch (error) {
    if (error instanceof ConfigError) throw new RolloutFailure("input", error.message.replace(/\n\s*/g, " "));
    throw error;
  }
  let outputs: Record<string, unknown>;
  try {
    outputs = await readStackOutputs(stack, infraDir, run);
  } catch (error) {
    if (error instanceof StackOutputsError) throw new RolloutFailure("stack", error.message);
    throw error;
  }
  const aliasArn = outputs.stateMachineAliasArn;
  const alarmNames = outputs.alarmNames;
  if (typeof aliasArn !== "string" || !Array.isArray(alarmNames) || alarmNames.length === 0) {
    throw new RolloutFailure(
      "stack",
      `stack "${stack}" has no stateMachineAliasArn and alarmNames outputs: deploy it first (pulumi up -s ${stack})`,
    );
  }
  return { plan, aliasArn, alarmNames: alarmNames.map(String) };
}
