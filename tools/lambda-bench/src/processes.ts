import { spawn } from "node:child_process";

export interface TimedRun {
  /** Wall time from spawn to the child's exit, in milliseconds. */
  readonly ms: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Runs `node <args>` as a fresh process and times it from spawn to exit. */
export function timeNode(args: readonly string[], { cwd, env }: RunOptions): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    let ms = Number.NaN;
    let exitCode: number | null = null;
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      ms = performance.now() - started;
      exitCode = code;
    });
    // `close` comes after `exit` once the pipes are drained; the time was taken at `exit`.
    child.once("close", () => resolve({ ms, exitCode, stdout, stderr }));
  });
}

/** The last lines of a child's output, for error messages. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
