import type { CliIo, CommandContext } from "../src/commands/command";
import { main } from "../src/main";

/** Runs `orderflow <argv>` in this process with captured output; its exit code, stdout and stderr. */
export async function runOrderflow(
  argv: readonly string[],
  context: Partial<Omit<CommandContext, "io">> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await main(argv, io, context);
  return { code, stdout, stderr };
}
