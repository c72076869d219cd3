/**
 * What the alarms count, as plain data: the Alarms component builds metric filters and alarms from it, and
 * the policy pack checks that each is in place (without loading the AWS SDK).
 */
import { NeedsAttention, RecordingFailed } from "@orderflow/workflow";

/**
 * Application log lines at ERROR, except the runtime's `Invoke Error` echo of every error a handler throws
 * (business errors included). task-kit logs business errors at WARN and unexpected ones at ERROR, so what
 * is left is exactly the unexpected ones.
 */
export const UNEXPECTED_ERROR_PATTERN = '{ $.level = "ERROR" && $.message != "Invoke Error*" }';

/** A Step Functions execution-log event for entering one Fail state (`details.name` is the state). */
export function failStateEnteredPattern(state: string): string {
  return `{ $.type = "FailStateEntered" && $.details.name = "${state}" }`;
}

/**
 * Fail states that need a person: the order needs one to finish it (a compensation gave up, a shipment's
 * hand-over did not complete), or the outcome could not be recorded (the reconciler records it, but a
 * repeat means the status writes are failing). Declines, out-of-stock and invalid orders end in
 * Rejected/Failed, which are ordinary business outcomes and page no one.
 */
export const STUCK_STATES = [NeedsAttention, RecordingFailed] as const;

/**
 * ExecutionsFailed counts business outcomes too, so it pages only on unusual volume: more than `percent` of
 * the executions started in `periodSeconds` failed, once at least `minExecutions` started.
 */
export const FAILURE_RATE_ALARM = { percent: 25, minExecutions: 20, periodSeconds: 900 } as const;
