import { startLocalRuntime } from "@orderflow/local";
import { COMMANDS } from "./commands";
import { CliError, type CliIo, type Command, type CommandContext } from "./commands/command";

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: orderflow <command> [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    ...commands.map((c) => `  ${c.usage}`),
  ].join("\n");
}

/**
 * The `orderflow` CLI without the process: dispatches to the subcommand and turns bad input into one
 * line on stderr with exit code 2. Anything else is a failure of ours and keeps its stack.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  context: Partial<Omit<CommandContext, "io">> = {},
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(`${helpText(commands)}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      throw new CliError(`unknown command "${name}"; commands: ${commands.map((c) => c.name).join(", ")}`);
    }
    return await command.run(args, { io, startRuntime: context.startRuntime ?? startLocalRuntime });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`${command ? `orderflow ${name}` : "orderflow"}: ${error.message}\n`);
    return 2;
  }
}
