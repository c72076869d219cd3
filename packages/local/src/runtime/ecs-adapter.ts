import type { StateAdapter } from "./adapter";
import type { TaskState } from "./integrations";
import { TaskFailure } from "./task-failure";
import { closedTokenClient, type TaskTokenClient, type TaskTokens } from "./task-tokens";

/** What the local runtime hands a container task's entry function. */
export interface ContainerRun {
  readonly taskToken: string;
  /** The task input, parsed from the JSON environment variable the state's overrides set. */
  readonly input: unknown;
  /** Every variable the state's container overrides set, as the container would see it. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A container task's entry (`@orderflow/task-<name>/container`): does the work, then reports through
 * `sfn` with SendTaskSuccess/SendTaskFailure (and SendTaskHeartbeat while it works).
 */
export type ContainerEntry = (run: ContainerRun, deps: { readonly sfn: TaskTokenClient }) => Promise<void>;

interface KeyValue {
  readonly Name?: unknown;
  readonly Value?: unknown;
}

/** RunTask refuses overrides whose JSON is longer than this (`InvalidParameterException`). */
export const MAX_OVERRIDES_CHARACTERS = 8192;

function overridesEnvironment(state: TaskState, parameters: unknown): Record<string, string> {
  const overrides = (parameters as { Overrides?: { ContainerOverrides?: unknown } } | null)?.Overrides;
  const length = JSON.stringify(overrides ?? {}).length;
  if (length > MAX_OVERRIDES_CHARACTERS) {
    throw new TaskFailure(
      "ECS.InvalidParameterException",
      `Container Overrides length must be at most ${MAX_OVERRIDES_CHARACTERS} (state ${state.name} passed ${length}); pass ids and let the task read the rest`,
    );
  }
  const containers = overrides?.ContainerOverrides;
  if (!Array.isArray(containers)) {
    throw new TaskFailure(
      "States.Runtime",
      `state ${state.name}: ecs:runTask needs Parameters.Overrides.ContainerOverrides carrying the task token and input`,
    );
  }
  const environment: Record<string, string> = {};
  for (const container of containers as { Environment?: readonly KeyValue[] }[]) {
    for (const { Name, Value } of container.Environment ?? []) {
      if (typeof Name === "string") environment[Name] = String(Value ?? "");
    }
  }
  return environment;
}

function parsesAsJsonObject(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null;
  } catch {
    return false;
  }
}

/** The variable carrying the input: the one JSON document among the overrides besides the token. */
function inputOf(state: TaskState, environment: Record<string, string>, token: string): unknown {
  const candidates = Object.entries(environment).filter(
    ([, value]) => value !== token && parsesAsJsonObject(value),
  );
  if (candidates.length !== 1) {
    throw new TaskFailure(
      "States.Runtime",
      `state ${state.name}: expected exactly one container override variable holding the JSON input, found ${candidates.length} (${Object.keys(environment).join(", ") || "none"})`,
    );
  }
  return JSON.parse((candidates[0] as [string, string])[1]);
}

/**
 * Serves `ecs:runTask.waitForTaskToken`: instead of starting a Fargate task it calls the task's container
 * entry in-process with the token and input from the state's container overrides, and completes the
 * state when the entry calls back. An entry that crashes or returns without calling back leaves the
 * state waiting in AWS until its heartbeat times out; locally that happens at once.
 */
export function ecsTaskTokenAdapter(
  state: TaskState,
  entry: ContainerEntry,
  tokens: TaskTokens,
): StateAdapter {
  return async (parameters, scope) => {
    const taskToken = scope.currentTaskToken();
    const environment = overridesEnvironment(state, parameters);
    if (!taskToken || !Object.values(environment).includes(taskToken)) {
      throw new TaskFailure(
        "States.Runtime",
        `state ${state.name}: the container overrides must pass $$.Task.Token, or the task can never report back`,
      );
    }
    if (scope.detached) {
      const input = inputOf(state, environment, taskToken);
      return entry({ taskToken, input, environment }, { sfn: closedTokenClient });
    }
    try {
      const input = inputOf(state, environment, taskToken);
      const reported = tokens.wait(taskToken);
      try {
        await entry({ taskToken, input, environment }, { sfn: tokens.client });
        if (!tokens.isSettled(taskToken)) {
          tokens.fail(
            taskToken,
            new TaskFailure(
              "States.HeartbeatTimeout",
              `${state.name}: the container exited without reporting`,
            ),
          );
        }
      } catch (error) {
        if (!tokens.isSettled(taskToken)) {
          tokens.fail(
            taskToken,
            new TaskFailure(
              "States.HeartbeatTimeout",
              `${state.name}: the container crashed before reporting: ${(error as Error).message}`,
            ),
          );
        }
      }
      return await reported;
    } finally {
      tokens.release(taskToken);
    }
  };
}
