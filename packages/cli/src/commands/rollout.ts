/**
 * `orderflow rollout --stack <name> [--promote | --abort]`: moves a canary of the order workflow along.
 * A deploy (`pulumi up`) that publishes a new version on a stack with `orderflow:canary` routes a share of
 * new executions to it; this command then holds it for the bake time while the stack's alarms stay quiet
 * and promotes it, or routes everything back to the previous version as soon as one fires.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SFNClient } from "@aws-sdk/client-sfn";
import { aborted, aliasDescription, promoted } from "@orderflow/infra/canary";
import { awsErrorFix, awsErrorText, isAwsError } from "./aws-error-text";
import { CliError, type CliIo, type Command } from "./command";
import { parseOptions } from "./parse-options";
import { pulumiProjectDir } from "./pulumi-project";
import { firingAlarms } from "./rollout/alarms";
import { type LiveAlias, moveLiveAlias, readLiveAlias, version } from "./rollout/live-alias";
import { EXIT_CODES, RolloutFailure } from "./rollout/rollout-failure";
import { type RolloutTarget, rolloutTarget } from "./rollout/stack-target";
import { type RunProgram, runProgram } from "./run-program";

export const ROLLOUT_USAGE = "orderflow rollout --stack <name> [--promote | --abort]";

export interface RolloutOptions {
  readonly stack: string;
  /**
   * `bake` holds the canary for the stack's bake time and promotes it, or aborts it on an alarm;
   * `promote` and `abort` do that now.
   * @default "bake"
   */
  readonly mode?: "bake" | "promote" | "abort";
  /**
   * Time between two alarm checks while baking.
   * @default 60000
   */
  readonly pollIntervalMs?: number;
}

export interface RolloutDeps {
  readonly io: CliIo;
  /** Runs `pulumi stack output`; a child process in the CLI, a fake in tests. */
  readonly runProgram: RunProgram;
  /** The folder holding Pulumi.yaml and the stack files. */
  readonly infraDir: string;
  readonly sfnClient: (region: string) => SFNClient;
  readonly cloudWatchClient: (region: string) => CloudWatchClient;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
}

export function defaultRolloutDeps(io: CliIo): RolloutDeps {
  return {
    io,
    runProgram,
    infraDir: pulumiProjectDir(),
    sfnClient: (region) => new SFNClient({ region }),
    cloudWatchClient: (region) => new CloudWatchClient({ region }),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export function parseRolloutArgs(args: readonly string[]): RolloutOptions {
  const values = parseOptions(
    args,
    { stack: { type: "string" }, promote: { type: "boolean" }, abort: { type: "boolean" } },
    ROLLOUT_USAGE,
  );
  if (!values.stack) throw new CliError(`--stack <name> is required; usage: ${ROLLOUT_USAGE}`);
  if (values.promote && values.abort)
    throw new CliError(`--promote and --abort exclude each other; usage: ${ROLLOUT_USAGE}`);
  return { stack: values.stack, mode: values.promote ? "promote" : values.abort ? "abort" : "bake" };
}

interface Session {
  readonly target: RolloutTarget;
  readonly alias: LiveAlias;
  readonly sfn: SFNClient;
  readonly cloudwatch: CloudWatchClient;
  readonly deps: RolloutDeps;
}

const firing = (session: Session) => firingAlarms(session.cloudwatch, session.target.alarmNames);

/** Every new execution on the canary now, unless an alarm fires. */
async function promote(session: Session): Promise<number> {
  const { alias, deps } = session;
  if (alias.state.phase !== "canary") {
    deps.io.stdout.write(`nothing to promote: ${aliasDescription(alias.state)}\n`);
    return EXIT_CODES.ok;
  }
  const alarms = await firing(session);
  if (alarms.length > 0) {
    deps.io.stderr.write(
      `orderflow rollout: refusing to promote while ${alarms.join(", ")} is in ALARM; fix it, or --abort\n`,
    );
    return EXIT_CODES.alarm;
  }
  await moveLiveAlias(session.sfn, alias, promoted(alias.state));
  deps.io.stdout.write(`promoted: ${aliasDescription(promoted(alias.state))}\n`);
  return EXIT_CODES.ok;
}

/** Everything back on the stable version now; `reason` says why in the output. */
async function abort(session: Session, reason: string): Promise<void> {
  const target = aborted(session.alias.state);
  const moved = await moveLiveAlias(session.sfn, session.alias, target);
  session.deps.io.stdout.write(
    `${moved ? `aborted (${reason})` : "nothing to abort"}: ${aliasDescription(target)}\n`,
  );
}

/** Holds the canary for the bake time while the alarms stay quiet, then promotes it; aborts on an alarm. */
async function bake(session: Session, pollIntervalMs: number): Promise<number> {
  const { alias, deps, target } = session;
  const { state } = alias;
  if (state.phase === "rolled-back") {
    deps.io.stderr.write(
      `orderflow rollout: ${aliasDescription(state)}; fix or revert it, then deploy again\n`,
    );
    return EXIT_CODES.alarm;
  }
  if (state.phase === "stable") {
    deps.io.stdout.write(`no canary in progress: ${aliasDescription(state)}\n`);
    return EXIT_CODES.ok;
  }
  const canary = target.plan.settings.canary;
  if (canary === undefined) {
    throw new RolloutFailure(
      "input",
      `stack "${target.plan.stack}" has no orderflow:canary: use --promote or --abort`,
    );
  }
  const until = new Date(alias.updatedAt.getTime() + canary.bakeMinutes * 60_000);
  deps.io.stdout.write(
    `canary: ${state.weight} % of new executions on ${version(state.canary)} beside ${version(state.stable)}, ` +
      `baking until ${until.toISOString()} while ${target.alarmNames.length} alarms stay quiet\n`,
  );
  for (;;) {
    const alarms = await firing(session);
    if (alarms.length > 0) {
      await abort(session, `${alarms.join(", ")} in ALARM`);
      return EXIT_CODES.alarm;
    }
    const left = until.getTime() - deps.now().getTime();
    if (left <= 0) return promote(session);
    deps.io.stderr.write(`holding: alarms quiet, ${Math.ceil(left / 60_000)} min left\n`);
    await deps.sleep(Math.min(pollIntervalMs, left));
  }
}

/**
 * Resolves to the exit code (see `EXIT_CODES`). A re-run changes nothing: a promoted or aborted canary is
 * no canary any more, and a move to where the alias already is sends no update.
 */
export async function rolloutCommand(options: RolloutOptions, deps: RolloutDeps): Promise<number> {
  try {
    const target = await rolloutTarget(options.stack, deps.infraDir, deps.runProgram);
    const sfn = deps.sfnClient(target.plan.region);
    const session = {
      target,
      sfn,
      cloudwatch: deps.cloudWatchClient(target.plan.region),
      deps,
      alias: await withAwsErrors(() => readLiveAlias(sfn, target.aliasArn)),
    };
    return await withAwsErrors(async () => {
      switch (options.mode ?? "bake") {
        case "promote":
          return promote(session);
        case "abort":
          await abort(session, "by request");
          return EXIT_CODES.ok;
        case "bake":
          return bake(session, options.pollIntervalMs ?? 60_000);
      }
    });
  } catch (error) {
    if (!(error instanceof RolloutFailure)) throw error;
    deps.io.stderr.write(`orderflow rollout: ${error.message}\n`);
    return EXIT_CODES[error.kind];
  }
}

/** An AWS error as one line with what to do, instead of a stack trace. */
async function withAwsErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAwsError(error)) throw error;
    const needs =
      "states:DescribeStateMachineAlias, states:UpdateStateMachineAlias and cloudwatch:DescribeAlarms";
    throw new RolloutFailure("stack", `${awsErrorText(error)}; ${awsErrorFix(error, needs)}`);
  }
}

export const rolloutSubcommand: Command = {
  name: "rollout",
  summary: "hold a canary of the workflow while the stack's alarms stay quiet, then promote it (or --abort)",
  usage: ROLLOUT_USAGE,
  run: (args, { io }) => rolloutCommand(parseRolloutArgs(args), defaultRolloutDeps(io)),
};
