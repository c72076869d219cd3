/** What one execution offers the adapters that serve its Task states. */
export interface ExecutionScope {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** The token the state being run read from `$$.Task.Token`, if it read one. */
  readonly currentTaskToken: () => string | undefined;
  /**
   * Set for an invocation Step Functions has already given up on (a late one): its result reaches no state,
   * and a task-token worker's report is refused as for a closed token.
   */
  readonly detached?: boolean;
}

/**
 * Serves one Task state: takes the state's effective input (its Parameters, already resolved against
 * the state input by the engine) and returns what the AWS integration would return, or throws a
 * `TaskFailure` named like the AWS error.
 */
export type StateAdapter = (parameters: unknown, scope: ExecutionScope) => Promise<unknown>;

/** JSON as it crosses a service boundary: dates become strings, undefined disappears. */
export function overTheWire<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
