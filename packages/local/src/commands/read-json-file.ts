import { readFile } from "node:fs/promises";
import { CliError } from "./command";

/** Reads a JSON file given on the command line, failing with one line naming the option, path and problem. */
export async function readJsonFile(option: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
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
