import { spawn } from "node:child_process";
import type { ProgramResult, RunProgram } from "./stack-outputs";

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
