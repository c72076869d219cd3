import type { LocalRuntime, LocalRuntimeOptions } from "@orderflow/local";

/** Where a command writes; the process streams in the CLI, buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

export interface CommandContext {
  readonly io: CliIo;
  /** Starts the local runtime; tests pass one that reuses their DynamoDB Local. */
  readonly startRuntime: (options: LocalRuntimeOptions) => Promise<LocalRuntime>;
}

/** One `orderflow <name>` subcommand; each lives in its own file under `src/commands/`. */
export interface Command {
  readonly name: string;
  /** One line for `orderflow help`. */
  readonly summary: string;
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

/** Bad input on the command line: reported as one line, exit code 2, no stack trace. */
export class CliError extends Error {
  override readonly name = "CliError";
}
