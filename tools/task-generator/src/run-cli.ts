import { parseArgs } from "node:util";
import { CODEOWNERS_FILE } from "./codeowners";
import { generateTask } from "./generate";
import { GeneratorError } from "./generator-error";
import { DEFAULT_TEAM, MAX_TASK_NAME_LENGTH } from "./names";
import { workflowStep } from "./next-steps";
import { LOCKFILE, pnpmInstall } from "./tools";
import { findRepoRoot } from "./workspace";

export const USAGE = `Usage: pnpm gen task <name> [--team @org/team] [--skip-install]

Scaffolds packages/tasks/<name> as @orderflow/task-<name>: manifest, pure core, Lambda handler, README,
tests (DynamoDB Local) and benchmark fixture, ready to build and test; gives it to the team in
${CODEOWNERS_FILE}; runs pnpm install.

  <name>          kebab-case, at most ${MAX_TASK_NAME_LENGTH} characters, e.g. gift-wrap
  --team          the owning GitHub team (default ${DEFAULT_TEAM})
  --skip-install  leave pnpm install to you
  -h, --help      this text
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface CliContext {
  /** Where the repository is looked for (it or a folder above holds pnpm-workspace.yaml). */
  readonly cwd: string;
  /**
   * The environment `pnpm install` runs with.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      team: { type: "string" },
      "skip-install": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { help: true } as const;
  const [command, name, ...rest] = positionals;
  if (command !== "task") {
    throw new UsageError(
      command ? `unknown generator "${command}"; the only one is "task"` : "what to generate?",
    );
  }
  if (!name) throw new UsageError("the task needs a name");
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
  return { help: false, name, team: values.team, install: !values["skip-install"] } as const;
}

/**
 * `pnpm gen task <name> [--team @org/team] [--skip-install]`.
 *
 * @returns the exit code: 0 done, 1 refused or failed (nothing created unless the message says so),
 *   2 a malformed command line
 */
export async function runCli(argv: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const root = findRepoRoot(context.cwd);
    const { names, team, files, ownerRule, registryFiles } = await generateTask({
      root,
      name: args.name,
      ...(args.team !== undefined && { team: args.team }),
    });
    const out: string[] = [
      `Created ${names.dir} (${names.packageName}), owned by ${team}:`,
      `  ${files.join(", ")}`,
      `${CODEOWNERS_FILE}: added ${ownerRule.replace(/\s+/g, " ")}`,
      `task registry: rewrote ${registryFiles.join(", ")}`,
    ];
    if (team === DEFAULT_TEAM) {
      out.push(
        `note: ${DEFAULT_TEAM} is only the default owner. Task packages belong to a product team and`,
        "  tools/workflow-lint fails until they do: pass --team, or change the package.json's orderflow.owners,",
        "  CODEOWNERS and the README's Owners line.",
      );
    }
    io.stdout(`${out.join("\n")}\n`);
    if (args.install) {
      io.stdout("Running pnpm install so the workspace links it ...\n");
      const lockfileChanged = await pnpmInstall(root, context.env);
      io.stdout(
        lockfileChanged
          ? `${LOCKFILE} changed: commit it together with ${names.dir} and ${CODEOWNERS_FILE}.\n`
          : `${LOCKFILE} is unchanged.\n`,
      );
    } else {
      io.stdout(
        `Skipped pnpm install: run it before you build the package; ${LOCKFILE} then gains the package, commit it with the package.\n`,
      );
    }
    io.stdout(
      [
        `Check it: pnpm lint && pnpm typecheck && pnpm turbo run build test --filter=${names.packageName}`,
        "",
        ...workflowStep(names),
        "",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return 1;
  }
}
