import { AslBuildError, compact, nameOf, type StateNode, type Target } from "./node";
import { checkErrorHandlers } from "./retry";
import type {
  Catcher,
  ChoiceCondition,
  ChoiceState,
  FailState,
  JsonObject,
  JsonValue,
  PassState,
  Retrier,
  SucceedState,
  TaskState,
} from "./types";

/** How a non-terminal state continues: `next` (or later `chain`), or `end`. */
export interface FlowOptions {
  readonly next?: Target;
  /** Ends the execution successfully after this state. @default false */
  readonly end?: boolean;
  readonly comment?: string;
}

export interface ResultOptions {
  readonly inputPath?: string;
  readonly resultSelector?: JsonObject;
  /** `null` discards the result and passes the input on unchanged. @default "$" (result replaces the input) */
  readonly resultPath?: string | null;
  readonly outputPath?: string;
}

export interface ErrorOptions {
  readonly retry?: readonly Retrier[];
  readonly catch?: readonly Catcher[];
}

export interface TaskOptions extends FlowOptions, ResultOptions, ErrorOptions {
  readonly resource: string;
  readonly parameters?: JsonObject;
  /** Required: a Task without a timeout can hang an execution for a year. */
  readonly timeoutSeconds: number;
  /** For task-token and activity tasks: fail when no heartbeat arrives for this long. */
  readonly heartbeatSeconds?: number;
}

function flow({ next, end }: FlowOptions, name: string): { Next?: string; End?: true } {
  if (next !== undefined && end) throw new AslBuildError(name, "has both next and end");
  if (next !== undefined) return { Next: nameOf(next) };
  return end ? { End: true } : {};
}

function positiveInteger(name: string, field: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new AslBuildError(name, `${field} must be a positive integer, got ${value}`);
  }
}

function errorHandling(name: string, { retry, catch: catchers }: ErrorOptions) {
  if (retry) checkErrorHandlers(name, "Retry", retry);
  if (catchers) checkErrorHandlers(name, "Catch", catchers);
  return {
    Retry: retry?.length ? retry.map((r) => ({ ...r, ErrorEquals: [...r.ErrorEquals] })) : undefined,
    Catch: catchers?.length ? catchers.map((c) => ({ ...c, ErrorEquals: [...c.ErrorEquals] })) : undefined,
  };
}

/** A Task state for any resource; the integration helpers (`lambdaInvoke`, …) build on it. */
export function task(name: string, options: TaskOptions): StateNode<TaskState> {
  positiveInteger(name, "timeoutSeconds", options.timeoutSeconds);
  positiveInteger(name, "heartbeatSeconds", options.heartbeatSeconds);
  if (options.heartbeatSeconds !== undefined && options.heartbeatSeconds >= options.timeoutSeconds) {
    throw new AslBuildError(name, "heartbeatSeconds must be smaller than timeoutSeconds");
  }
  const state: TaskState = compact({
    Type: "Task" as const,
    Comment: options.comment,
    Resource: options.resource,
    InputPath: options.inputPath,
    Parameters: options.parameters,
    ResultSelector: options.resultSelector,
    ResultPath: options.resultPath,
    OutputPath: options.outputPath,
    TimeoutSeconds: options.timeoutSeconds,
    HeartbeatSeconds: options.heartbeatSeconds,
    ...errorHandling(name, options),
    ...flow(options, name),
  });
  return { name, state };
}

export interface PassOptions extends FlowOptions {
  /** A fixed value to put at `resultPath`. */
  readonly result: JsonValue;
  /** Where the result goes; a sub-path keeps the rest of the state. */
  readonly resultPath: string;
}

/** A Pass state that adds a fixed value to the state (e.g. a note for a person). */
export function pass(name: string, options: PassOptions): StateNode<PassState> {
  const state: PassState = compact({
    Type: "Pass" as const,
    Comment: options.comment,
    Result: options.result,
    ResultPath: options.resultPath,
    ...flow(options, name),
  });
  return { name, state };
}

export interface ChoiceOptions {
  readonly choices: readonly { readonly when: ChoiceCondition; readonly next: Target }[];
  /** Where every input no rule matches goes (without it such an input fails the execution). */
  readonly otherwise: Target;
  readonly comment?: string;
}

/** A Choice state; a default is required, so no input can fail it with States.NoChoiceMatched. */
export function choice(name: string, options: ChoiceOptions): StateNode<ChoiceState> {
  if (options.choices.length === 0) throw new AslBuildError(name, "a Choice needs at least one rule");
  const state: ChoiceState = compact({
    Type: "Choice" as const,
    Comment: options.comment,
    Choices: options.choices.map(({ when, next }) => ({ ...when, Next: nameOf(next) })),
    Default: nameOf(options.otherwise),
  });
  return { name, state };
}

export function succeed(name: string, options: { readonly comment?: string } = {}): StateNode<SucceedState> {
  return { name, state: compact({ Type: "Succeed" as const, Comment: options.comment }) };
}

/** Static or path-based error and cause; the path forms keep the cause of the error that led here. */
export interface FailOptions {
  readonly error?: string;
  readonly errorPath?: string;
  readonly cause?: string;
  readonly causePath?: string;
  readonly comment?: string;
}

export function fail(name: string, options: FailOptions): StateNode<FailState> {
  if (options.error !== undefined && options.errorPath !== undefined) {
    throw new AslBuildError(name, "a Fail state takes error or errorPath, not both");
  }
  if (options.cause !== undefined && options.causePath !== undefined) {
    throw new AslBuildError(name, "a Fail state takes cause or causePath, not both");
  }
  const state: FailState = compact({
    Type: "Fail" as const,
    Comment: options.comment,
    Error: options.error,
    ErrorPath: options.errorPath,
    Cause: options.cause,
    CausePath: options.causePath,
  });
  return { name, state };
}
