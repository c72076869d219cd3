import type { ProgramResult, RunProgram } from "../../src/commands/run-program";

/** What a fake program answers: output, or a failure with stderr, or "not installed" (ENOENT). */
export type Answer = string | { readonly exitCode: number; readonly stderr: string } | "ENOENT";

export interface FakePrograms {
  readonly run: RunProgram;
  readonly calls: { command: string; args: readonly string[]; cwd: string }[];
}

/**
 * A `RunProgram` that answers by command line (`pulumi version`, `docker info`, `pulumi stack output`):
 * the first key the line starts with wins; a line nobody answers fails the test.
 */
export function fakePrograms(answers: Readonly<Record<string, Answer>>): FakePrograms {
  const calls: FakePrograms["calls"] = [];
  const run: RunProgram = async (command, args, { cwd }) => {
    calls.push({ command, args, cwd });
    const line = [command, ...args].join(" ");
    const key = Object.keys(answers).find((k) => line.startsWith(k));
    if (key === undefined) throw new Error(`no fake answer for \`${line}\``);
    const answer = answers[key] as Answer;
    if (answer === "ENOENT") throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: "ENOENT" });
    const result: ProgramResult =
      typeof answer === "string"
        ? { exitCode: 0, stdout: answer, stderr: "" }
        : { exitCode: answer.exitCode, stdout: "", stderr: answer.stderr };
    return result;
  };
  return { run, calls };
}

/** Captured stdout and stderr of a command. */
export function capturedIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
