import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { renderMarkdown } from "./markdown";
import { diffStacks, readSynthFolder } from "./stack-diff";

const USAGE =
  "usage: synth-diff --base <synth folder> --head <synth folder> " +
  "[--base-label <text>] [--head-label <text>] [--note <text>]... [--out <file>]";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Compares the synth folders and writes the Markdown comment to `--out` or stdout.
 * Exit codes: 0 written (changes or not), 1 a synth file could not be read, 2 bad arguments.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    io.stderr(`synth-diff: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.base || !values.head) {
    io.stderr(`synth-diff: --base and --head are required\n${USAGE}\n`);
    return 2;
  }
  try {
    const [base, head] = await Promise.all([readSynthFolder(values.base), readSynthFolder(values.head)]);
    const markdown = renderMarkdown(diffStacks(base, head), {
      ...(values["base-label"] ? { baseLabel: values["base-label"] } : {}),
      ...(values["head-label"] ? { headLabel: values["head-label"] } : {}),
      notes: values.note ?? [],
    });
    if (values.out) await writeFile(values.out, markdown);
    else io.stdout(markdown);
    return 0;
  } catch (error) {
    io.stderr(`synth-diff: ${(error as Error).message}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      base: { type: "string" },
      head: { type: "string" },
      "base-label": { type: "string" },
      "head-label": { type: "string" },
      note: { type: "string", multiple: true },
      out: { type: "string" },
    },
  });
}
