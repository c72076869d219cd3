import type { TaskNames } from "./names";

/** Where a registered task's state name goes to put it into the workflow. */
export const PLACEMENT_FILE = "packages/workflow/src/order/tasks.ts";

/**
 * The one step the generator leaves to a person: putting the task into the order workflow, which is a
 * decision about the saga (where it runs, what undoes it), not a scaffold. The task registry already
 * lists it, so the step is one line.
 */
export function workflowStep({ pascalName }: TaskNames): string[] {
  return [
    "One step left: put it into the workflow, one line at its place in the saga:",
    `  ${PLACEMENT_FILE}: add "${pascalName}", to FORWARD_STEPS`,
    "The registry does the rest: the step reads the order id and keeps no result (a TASK_IO entry in",
    "task-io.ts changes that), infra deploys its function, log group and least-privilege role, the local",
    "runtime runs its handler in process. Then pnpm --filter @orderflow/workflow graph:write; see",
    "docs/adding-a-task.md.",
  ];
}
