/**
 * An error as the Step Functions API answers it: HTTP 400 with `__type` (the shape name, here under the
 * service's namespace, which clients strip) and `message`. `code` is what SDK clients call `error.name`.
 */
export class SfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** Errors of the runtime that are Step Functions errors by another name or by the same one. */
const RUNTIME_ERRORS: Readonly<Record<string, string>> = {
  ExecutionAlreadyExists: "ExecutionAlreadyExists",
  InvalidExecutionInput: "InvalidExecutionInput",
  InvalidFaultPlan: "ValidationException",
  InvalidDefinition: "InvalidDefinition",
  InvalidName: "InvalidName",
  StateMachineAlreadyExists: "StateMachineAlreadyExists",
  StateMachineDoesNotExist: "StateMachineDoesNotExist",
  TaskDoesNotExist: "TaskDoesNotExist",
  TaskTimedOut: "TaskTimedOut",
  InvalidOutput: "InvalidOutput",
};

/** The Step Functions error for a failure, or undefined when it is a failure of ours (a 500). */
export function asSfnError(error: unknown): SfnError | undefined {
  if (error instanceof SfnError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = RUNTIME_ERRORS[error.name];
  return code === undefined ? undefined : new SfnError(code, error.message);
}

/** `ValidationException` for a missing or malformed request member, worded as AWS words it. */
export function invalidMember(member: string, constraint = "Member must not be null"): SfnError {
  return new SfnError(
    "ValidationException",
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}
