import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError } from "./command";

/**
 * Reads a JSON file given on the command line, failing with one line naming the option, path and problem.
 * A relative path is taken from where the user ran the command: `pnpm orderflow` runs in the repository
 * root, and pnpm passes the caller's directory as INIT_CWD.
 */
export async function readJsonFile(
  option: string,
  path: string,
  baseDir: string = process.env.INIT_CWD ?? process.cwd(),
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(baseDir, path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new CliError(`${option} ${path}: cannot read the file: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${option} ${path}: not valid JSON: ${(error as Error).message}`);
  }
}
