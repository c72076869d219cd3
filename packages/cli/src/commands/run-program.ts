import { spawn } from "node:child_process";

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

/** Runs a program without a shell and collects its output; rejects only when it cannot be started. */
export const runProgram: RunProgram = (command, args, { cwd }) =>
  new Promise<ProgramResult>((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (exitCode) =>
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });

/** The first non-empty line a failed program wrote to stderr, for a one-line message. */
export function firstErrorLine(result: ProgramResult): string {
  const line = result.stderr.split("\n").find((l) => l.trim() !== "");
  return (line ?? `exit code ${result.exitCode}`).trim();
}
