/**
 * How `orderflow rollout` ends, as the exit code a pipeline acts on: `ok` 0 (promoted, aborted on
 * request, or nothing to do), `alarm` 1 (a canary was aborted on an alarm, a promote refused, or the
 * version is rolled back), `input` 2 (arguments, stack config), `stack` 3 (outputs, AWS).
 */
export const EXIT_CODES = { ok: 0, alarm: 1, input: 2, stack: 3 } as const;

export type RolloutFailureKind = "input" | "stack";

/** A failure reported as one line on stderr; never a stack trace. */
export class RolloutFailure extends Error {
  override readonly name = "RolloutFailure";
  constructor(
    readonly kind: RolloutFailureKind,
    message: string,
  ) {
    super(message);
  }
}
