import { StartFailure } from "./start-failure";

/** How a finished child process went; `exitCode` is null when a signal ended it. */
export interface ProgramResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion; rejects (with `code: "ENOENT"`) only when it cannot be started. */
export type RunProgram = (
  command: string,
  args: readonly string[],
  options: { readonly cwd: string },
) => Promise<ProgramResult>;

/**
 * Stack outputs that hold the state machine to start, in order of preference. The alias comes first:
 * starting through it runs the version the alias points at, which is what a rollback moves.
 */
export const STATE_MACHINE_OUTPUTS = ["stateMachineAliasArn", "stateMachineArn"] as const;

const NO_PULUMI =
  "the Pulumi CLI is not installed (https://www.pulumi.com/docs/iac/download-install/); " +
  "install it, or pass --state-machine-arn <arn>";

/** The state-machine ARN from `pulumi stack output --json --stack <stack>`, run in the infra folder. */
export async function stateMachineArnOfStack(
  stack: string,
  infraDir: string,
  run: RunProgram,
): Promise<string> {
  let result: ProgramResult;
  try {
    result = await run("pulumi", ["stack", "output", "--json", "--stack", stack], { cwd: infraDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StartFailure("stack", NO_PULUMI);
    throw error;
  }
  if (result.exitCode !== 0) {
    const reason =
      result.stderr
        .trim()
        .split("\n")
        .find((line) => line.trim() !== "") ?? `exit code ${result.exitCode}`;
    throw new StartFailure("stack", `cannot read the outputs of stack "${stack}": ${reason.trim()}`);
  }
  let outputs: Record<string, unknown>;
  try {
    outputs = JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new StartFailure("stack", `pulumi stack output for "${stack}" did not print JSON`);
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
