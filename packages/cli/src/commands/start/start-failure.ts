/**
 * Why `orderflow start` stops, as the exit code a script can act on:
 * `input` 2 (the command line or the order file), `stack` 3 (reading the stack's outputs),
 * `aws` 3 (credentials, permissions, the state machine), `execution` 1 (it ran and did not succeed).
 */
export const EXIT_CODES = { ok: 0, execution: 1, input: 2, stack: 3, aws: 3 } as const;

export type FailureKind = "input" | "stack" | "aws";

/** A failure reported as one line on stderr; never a stack trace. */
export class StartFailure extends Error {
  override readonly name = "StartFailure";
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}
