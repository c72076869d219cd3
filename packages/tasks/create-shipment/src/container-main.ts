/**
 * The container's process entry (`node dist/container/main.mjs`): reads the task token and input that
 * the state's container overrides set, runs the task and reports to Step Functions.
 */
import { SendTaskFailureCommand, SFNClient } from "@aws-sdk/client-sfn";
import { CONTAINER_TASK_ENV, ValidationError } from "@orderflow/domain";
import { createLogger } from "@orderflow/task-kit";
import type { TaskTokenClient } from "./container";
import { containerTask } from "./container-task";
import { failureOf } from "./task-failure";

const { taskToken: TOKEN_VAR, input: INPUT_VAR } = CONTAINER_TASK_ENV;
const logger = createLogger(containerTask.name);

/** Exit codes: the task was reported (success or failure alike: the workflow handles both), or it could not be. */
export const EXIT_REPORTED = 0;
export const EXIT_NOT_REPORTED = 1;

function inputOf(json: string | undefined): unknown {
  const invalid = (message: string) => new ValidationError([{ path: "(root)", message }], "task input");
  if (!json) throw invalid(`${INPUT_VAR} is not set; the state's container overrides must pass the input`);
  try {
    return JSON.parse(json);
  } catch {
    throw invalid(`${INPUT_VAR} is not a JSON document`);
  }
}

async function reportFailure(sfn: TaskTokenClient, taskToken: string, error: unknown): Promise<number> {
  try {
    await sfn.send(new SendTaskFailureCommand({ taskToken, ...failureOf(error) }));
    return EXIT_REPORTED;
  } catch (sendError) {
    logger.error("could not report the failure to Step Functions", { error: sendError as Error });
    return EXIT_NOT_REPORTED;
  }
}

/**
 * Reads `TASK_TOKEN` and `TASK_INPUT` (JSON) from `env` once, runs the task and reports it through `sfn`.
 * Without a token nothing can be reported (the state ends at its heartbeat timeout); a missing or broken
 * input, or a bad setting of the task's own (table names, `SUPPORTED_COUNTRIES` …), is reported as the
 * task's failure, so the workflow compensates at once instead of waiting for that timeout.
 *
 * @returns the process exit code: {@link EXIT_REPORTED} or {@link EXIT_NOT_REPORTED}.
 */
export async function containerMain(env: NodeJS.ProcessEnv, sfn: TaskTokenClient): Promise<number> {
  const taskToken = env[TOKEN_VAR];
  if (!taskToken) {
    logger.error(
      `missing environment variable ${TOKEN_VAR}: the state's container overrides must pass $$.Task.Token; nothing can be reported`,
    );
    return EXIT_NOT_REPORTED;
  }
  let run: typeof import("./container").runContainerTask;
  let input: unknown;
  try {
    input = inputOf(env[INPUT_VAR]);
    // Loaded only now because it reads the task's settings when it loads (as the Lambda handler does):
    // a bad one becomes this task's reported failure.
    ({ runContainerTask: run } = await import("./container"));
  } catch (error) {
    return reportFailure(sfn, taskToken, error);
  }
  try {
    await run({ taskToken, input }, { sfn });
    return EXIT_REPORTED;
  } catch (error) {
    logger.error("could not report to Step Functions", { error: error as Error });
    return EXIT_NOT_REPORTED;
  }
}

// Only as the process entry, not when a test imports this module. Exiting explicitly: idle keep-alive
// sockets of the SDK clients must not keep the task (and its Fargate bill) running after the report.
if (import.meta.main) process.exit(await containerMain(process.env, new SFNClient({})));
