/**
 * The workflow rules: what every definition of this project must satisfy, deployed or local.
 * `checkWorkflowRules` reports violations by these ids.
 */
export const WORKFLOW_RULES = [
  {
    id: "structure",
    description:
      "StartAt and every transition name existing states, every state is reachable and has a way on, " +
      "every Retry and Catch entry names at least one error, every Choice has rules, a Default and more " +
      "than one place to send an input.",
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
      "throttling and service faults for DynamoDB, EventBridge, ECS) and its manifest's retryable errors; " +
      "DynamoDB reads and status writes also retry States.Timeout (both repeat safely).",
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
      "Every catcher puts the error below the root (e.g. $.error), so the order stays for what follows; a " +
      "compensation notes its give-up at <incomplete>.<its name> and a Pass state on a failure path notes " +
      "a step at <incomplete>.<step>, beside the others and never over the outcome's error.",
  },
  {
    id: "catch-ends-in-fail",
    description:
      "A path that caught an error ends successfully only through a rule of a Choice on the fence's answer " +
      "(the order completed after all), with nothing caught and no compensation run after the fence.",
  },
  {
    id: "saga-compensation",
    description:
      "Every path from a Catch on the forward path ends in a Fail state and runs, exactly once, the " +
      "compensation of each step that may have taken effect (the completed ones, and the failing one " +
      "unless its error is a business error, which means it did nothing) — unless the fence answered that " +
      "the order completed after all, or a person is asked to settle it (noted at <incomplete>.<name>). A " +
      "catch before anything took effect runs no compensation; one of a step that never ran runs at most " +
      "once, after the fence, where it finds nothing to undo. A step without compensation commits the steps " +
      "before it once it succeeds.",
  },
  {
    id: "refund-after-fence",
    description:
      "On every path from a Catch the fence (the compensation of the first step that holds something) runs " +
      "before every other compensation, and a Choice on its answer stands between it and each of them. When " +
      "the fence gives up the order is not fenced off: a Choice must stand between it and each other " +
      "compensation, and none runs once a step after its own had started.",
  },
  {
    id: "reads-written",
    description:
      "A path the workflow writes into its state (a result, a caught error, a note) is written on every " +
      "path to each state that reads it (Parameters, a Choice comparison, a Fail's paths): a missing path " +
      "fails the execution with States.Runtime, which no Catch catches, and leaves the order PENDING.",
  },
  {
    id: "failure-recorded",
    description:
      "Every path to an ordinary Fail state writes the order's status (a DynamoDB write that gets through) " +
      "after its last catch, compensation and note.",
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
      "A compensation that gives up leads, through a status write, to a Fail state that no path with " +
      "nothing noted for a person reaches (needs attention), so on-call can tell a stuck saga from a failed " +
      "order; every path to that state writes the status after its last catch, compensation and note.",
  },
  { id: "fail-keeps-cause", description: "Every Fail state sets Error or ErrorPath and Cause or CausePath." },
  {
    id: "conditional-writes",
    description:
      "Every DynamoDB write has a ConditionExpression, so a late or repeated write cannot clobber.",
  },
  {
    id: "outbox-contract",
    description:
      "Every status write is the outbox of the order's event: it sets eventType to its status's event " +
      "(EVENT_OF_STATUS) and every attribute EVENT_DETAIL_ATTRIBUTES lists for that event; no state " +
      "publishes an event itself.",
  },
] as const satisfies readonly { id: string; description: string }[];

export type RuleId = (typeof WORKFLOW_RULES)[number]["id"];
