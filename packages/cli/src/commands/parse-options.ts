import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { CliError } from "./command";

/** `node:util` parseArgs for one subcommand, turning its errors into one-line CLI errors with the usage. */
export function parseOptions<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message.split("\n")[0]}; usage: ${usage}`);
  }
}
