/**
 * Amazon States Language, JSONPath flavour only: the JSONata fields (`QueryLanguage`, `Arguments`,
 * `Assign`, `Output`, `Condition`) are deliberately absent, because the local engine cannot run them.
 * See https://states-language.net/spec.html.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type JitterStrategy = "FULL" | "NONE";

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: JitterStrategy;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  /** Where the `{Error, Cause}` object goes; a sub-path keeps the rest of the state. */
  ResultPath?: string | null;
}

interface Commented {
  Comment?: string;
}

interface Flow {
  Next?: string;
  End?: true;
}

interface InputOutput {
  InputPath?: string | null;
  OutputPath?: string | null;
}

interface ResultHandling {
  ResultSelector?: JsonObject;
  ResultPath?: string | null;
}

interface ErrorHandling {
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface TaskState extends Commented, Flow, InputOutput, ResultHandling, ErrorHandling {
  Type: "Task";
  Resource: string;
  Parameters?: JsonObject;
  TimeoutSeconds?: number;
  HeartbeatSeconds?: number;
}

export interface PassState extends Commented, Flow, InputOutput {
  Type: "Pass";
  Parameters?: JsonObject;
  Result?: JsonValue;
  ResultPath?: string | null;
}

export interface WaitState extends Commented, Flow, InputOutput {
  Type: "Wait";
  Seconds?: number;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
}

export type StringComparison =
  | "StringEquals"
  | "StringLessThan"
  | "StringGreaterThan"
  | "StringLessThanEquals"
  | "StringGreaterThanEquals"
  | "StringMatches";
export type NumericComparison =
  | "NumericEquals"
  | "NumericLessThan"
  | "NumericGreaterThan"
  | "NumericLessThanEquals"
  | "NumericGreaterThanEquals";
export type TimestampComparison =
  | "TimestampEquals"
  | "TimestampLessThan"
  | "TimestampGreaterThan"
  | "TimestampLessThanEquals"
  | "TimestampGreaterThanEquals";
export type TypeTest = "IsNull" | "IsPresent" | "IsNumeric" | "IsString" | "IsBoolean" | "IsTimestamp";

/** One data test: a `Variable` and exactly one comparison (the `...Path` forms compare with another path). */
export type DataTest = { Variable: string } & (
  | { [K in StringComparison | TimestampComparison]?: string }
  | { [K in NumericComparison]?: number }
  | { [K in `${StringComparison | NumericComparison | TimestampComparison}Path`]?: string }
  | { BooleanEquals?: boolean; BooleanEqualsPath?: string }
  | { [K in TypeTest]?: boolean }
);

export type ChoiceCondition =
  | DataTest
  | { And: ChoiceCondition[] }
  | { Or: ChoiceCondition[] }
  | { Not: ChoiceCondition };

export type ChoiceRule = ChoiceCondition & { Next: string };

export interface ChoiceState extends Commented, InputOutput {
  Type: "Choice";
  Choices: ChoiceRule[];
  Default?: string;
}

export interface ParallelState extends Commented, Flow, InputOutput, ResultHandling, ErrorHandling {
  Type: "Parallel";
  Branches: AslBranch[];
  Parameters?: JsonObject;
}

export interface SucceedState extends Commented, InputOutput {
  Type: "Succeed";
}

export interface FailState extends Commented {
  Type: "Fail";
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/** Runs its `ItemProcessor` (or the older `Iterator`) once per item of the input. */
export interface MapState extends Commented, Flow, InputOutput, ResultHandling, ErrorHandling {
  Type: "Map";
  ItemProcessor?: AslBranch;
  Iterator?: AslBranch;
  ItemsPath?: string;
  ItemSelector?: JsonObject;
  Parameters?: JsonObject;
  MaxConcurrency?: number;
}

export type AslState =
  | TaskState
  | PassState
  | WaitState
  | ChoiceState
  | ParallelState
  | MapState
  | SucceedState
  | FailState;

export type StateType = AslState["Type"];

/** A self-contained graph of states: the top level of a state machine or a Parallel branch. */
export interface AslBranch {
  StartAt: string;
  States: Record<string, AslState>;
}

/** A complete JSONPath state machine definition. */
export interface AslDefinition extends AslBranch {
  Comment?: string;
  /** Execution timeout; Standard workflows otherwise run up to a year. */
  TimeoutSeconds?: number;
}
