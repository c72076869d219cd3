import type { TaskNames } from "./names";

/**
 * The one step the generator leaves to a person: putting the task into the order workflow, which is a
 * decision about the saga (where it runs, what it reads, what undoes it), not a scaffold. Each line names
 * the file and the exact edit, as packages/workflow/src/order is laid out.
 */
export function workflowStep({ name, packageName, pascalName, camelName }: TaskNames): string[] {
  return [
    "One step left: put it into the workflow (packages/workflow, then its dependents):",
    `  1. packages/workflow/src/order/tasks.ts: import { task as ${camelName} } from "${packageName}/task";`,
    `     add ${camelName} to WORKFLOW_TASKS and ${camelName}.stateName to FORWARD_STEPS at its place in the saga`,
    "     (a compensation goes to COMPENSATION_STEPS instead, with `compensates` in its manifest).",
    `  2. packages/workflow/src/order/task-io.ts: a TASK_IO entry for ${pascalName}, the state fields it reads and`,
    `     where its result goes, e.g. ${pascalName}: { input: { orderId: "$.orderId", executionId: EXECUTION_ID_PATH },`,
    `     result: { at: "$.${camelName}", fields: requiredFields(${pascalName}Output) } }; move src/contract.ts to`,
    `     packages/domain/src/contracts/${name}.ts and export it from @orderflow/domain first.`,
    `  3. "${packageName}": "workspace:*" in the dependencies of packages/workflow, packages/local and infra;`,
    "     pnpm install; pnpm --filter @orderflow/workflow graph:write.",
    "The manifest does the rest: infra deploys its function, log group and least-privilege role, and the local",
    "runtime runs its handler in process. See docs/adding-a-task.md.",
  ];
}
