/**
 * The workflow rules: what every definition of this project must satisfy, deployed or local.
 * `checkWorkflowRules` reports violations by these ids.
 */
export const WORKFLOW_RULES = [
  {
    id: "structure",
    description:
      "StartAt and every transition name existing states, every state is reachable and has a way on, " +
      "every Retry and Catch entry names at least one error.",
  },
  {
    id: "no-jsonata",
    description:
      "JSONPath only: no QueryLanguage JSONata, no Arguments, Assign, Output, Condition or Items, no {% %} " +
      "expressions (the local engine runs JSONPath only).",
  },
  { id: "task-timeout", description: "Every Task has a positive integer TimeoutSeconds." },
  {
    id: "task-timeout-above-function",
    description: "A task's TimeoutSeconds is strictly above the timeout in its manifest.",
  },
  {
    id: "heartbeat",
    description: "Every .waitForTaskToken Task has HeartbeatSeconds below its TimeoutSeconds.",
  },
  {
    id: "execution-timeout",
    description:
      "The execution TimeoutSeconds covers the worst case of every path, so it never cuts off a compensation.",
  },
  {
    id: "retry-policy",
    description:
      "Every Task retries, and every retrier sets IntervalSeconds ≥ 1, MaxAttempts ≥ 1, BackoffRate ≥ 2, " +
      "MaxDelaySeconds and JitterStrategy FULL.",
  },
  {
    id: "transient-retry",
    description:
      "Every Task retries its integration's transient errors (the five Lambda service errors for Lambda; " +
      "throttling and service faults for DynamoDB, EventBridge, ECS) and its manifest's retryable errors.",
  },
  {
    id: "no-business-retry",
    description:
      "No retrier names a business error, and a task that can end with a business error has no " +
      "States.ALL or States.TaskFailed retrier (it would retry the business error).",
  },
  {
    id: "states-all-last",
    description:
      "States.ALL appears only alone in its ErrorEquals and only in the last Retry or Catch entry.",
  },
  {
    id: "task-catch",
    description:
      "Every Task, read-only ones included, ends its Catch with States.ALL: an unexpected error must still " +
      "leave the order in a recorded terminal status, never PENDING.",
  },
  {
    id: "business-errors-caught",
    description: "Every business error a task's manifest declares has its own catcher on that task.",
  },
  {
    id: "catch-keeps-state",
    description:
      "Every catcher puts the error below the root (e.g. $.error), so the order stays for what follows.",
  },
  { id: "catch-ends-in-fail", description: "Nothing after a Catch reaches a Succeed state." },
  {
    id: "saga-compensation",
    description:
      "Every Catch on the forward path runs the compensations of the completed steps in reverse order " +
      "(the failing step too unless the error is a business error, which means it did nothing) and ends " +
      "in a Fail state. A step without compensation commits the steps before it once it succeeds.",
  },
  {
    id: "failure-recorded",
    description: "Every failure path writes the order's status (a DynamoDB write) before its Fail state.",
  },
  {
    id: "compensation-retry",
    description:
      "Compensations are idempotent and retry harder: a last States.ALL retrier, and at least as many " +
      "attempts as the step they undo.",
  },
  {
    id: "compensation-stuck-state",
    description:
      "A compensation that gives up ends in a Fail state of its own that no ordinary failure reaches, so " +
      "on-call can tell a stuck saga from a failed order.",
  },
  { id: "fail-keeps-cause", description: "Every Fail state sets Error or ErrorPath and Cause or CausePath." },
  {
    id: "conditional-writes",
    description:
      "Every DynamoDB write has a ConditionExpression, so a late or repeated write cannot clobber.",
  },
  {
    id: "event-contract",
    description: "Every event has the domain's Source, one of the order event detail-types, and a Detail.",
  },
] as const satisfies readonly { id: string; description: string }[];

export type RuleId = (typeof WORKFLOW_RULES)[number]["id"];
