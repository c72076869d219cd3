import { firstErrorLine, type ProgramResult, type RunProgram } from "./run-program";

/** Why a stack's outputs could not be read: no Pulumi CLI, Pulumi refused, or it printed no JSON. */
export class StackOutputsError extends Error {
  override readonly name = "StackOutputsError";
  constructor(
    readonly reason: "no-pulumi" | "pulumi-failed" | "not-json",
    message: string,
  ) {
    super(message);
  }
}

export const NO_PULUMI =
  "the Pulumi CLI is not installed (https://www.pulumi.com/docs/iac/download-install/)";

/** A stack's outputs from `pulumi stack output --json --stack <stack>`, run in the infra folder. */
export async function readStackOutputs(
  stack: string,
  infraDir: string,
  run: RunProgram,
): Promise<Record<string, unknown>> {
  let result: ProgramResult;
  try {
    result = await run("pulumi", ["stack", "output", "--json", "--stack", stack], { cwd: infraDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new StackOutputsError("no-pulumi", NO_PULUMI);
    throw error;
  }
  if (result.exitCode !== 0) {
    throw new StackOutputsError(
      "pulumi-failed",
      `cannot read the outputs of stack "${stack}": ${firstErrorLine(result)}`,
    );
  }
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new StackOutputsError("not-json", `pulumi stack output for "${stack}" did not print JSON`);
  }
}
