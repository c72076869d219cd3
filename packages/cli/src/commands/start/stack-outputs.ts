import type { RunProgram } from "../run-program";
import { NO_PULUMI, readStackOutputs, StackOutputsError } from "../stack-outputs";
import { StartFailure } from "./start-failure";

/**
 * Stack outputs that hold the state machine to start, in order of preference. The alias comes first:
 * starting through it runs the version the alias points at, which is what a rollback moves.
 */
export const STATE_MACHINE_OUTPUTS = ["stateMachineAliasArn", "stateMachineArn"] as const;

/** The state-machine ARN from `pulumi stack output --json --stack <stack>`, run in the infra folder. */
export async function stateMachineArnOfStack(
  stack: string,
  infraDir: string,
  run: RunProgram,
): Promise<string> {
  let outputs: Record<string, unknown>;
  try {
    outputs = await readStackOutputs(stack, infraDir, run);
  } catch (error) {
    if (!(error instanceof StackOutputsError)) throw error;
    const message =
      error.reason === "no-pulumi"
        ? `${NO_PULUMI}; install it, or pass --state-machine-arn <arn>`
        : error.message;
    throw new StartFailure("stack", message);
  }
  for (const key of STATE_MACHINE_OUTPUTS) {
    const value = outputs[key];
    if (typeof value === "string" && value !== "") return value;
  }
  throw new StartFailure(
    "stack",
    `stack "${stack}" has no ${STATE_MACHINE_OUTPUTS.join(" or ")} output: deploy it first (pulumi up), ` +
      "or pass --state-machine-arn <arn>",
  );
}
