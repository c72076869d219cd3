import { type DynamoAction, TABLE_NAMES, type TableName, type TaskManifest } from "@orderflow/domain";
import { parseResource, walkStates } from "../asl";
import { orderWorkflow } from "./order-workflow";
import { sampleRefs } from "./sample-refs";
import { WORKFLOW_TASKS } from "./tasks";

/**
 * What the workflow's own states (its direct DynamoDB integrations, not its tasks) do to which tables, read
 * off the definition itself, so the state machine's role grants exactly that and nothing a later change of
 * the graph no longer needs.
 */
export function workflowTableAccess(
  tasks: readonly TaskManifest[] = WORKFLOW_TASKS,
): Partial<Record<TableName, DynamoAction[]>> {
  const logicalOf = new Map(TABLE_NAMES.map((table) => [sampleRefs.tableNames[table], table]));
  const access: Partial<Record<TableName, Set<DynamoAction>>> = {};
  for (const { state } of walkStates(orderWorkflow(sampleRefs, tasks))) {
    if (state.Type !== "Task") continue;
    const resource = parseResource(state.Resource);
    if (resource.kind !== "integration" || resource.service !== "dynamodb") continue;
    const table = logicalOf.get(String(state.Parameters?.TableName));
    if (!table)
      throw new Error(
        `a DynamoDB state of the workflow names a table that is not one of ${TABLE_NAMES.join(", ")}`,
      );
    const action = `${resource.action.charAt(0).toUpperCase()}${resource.action.slice(1)}` as DynamoAction;
    const actions = access[table] ?? new Set<DynamoAction>();
    actions.add(action);
    access[table] = actions;
  }
  return Object.fromEntries(Object.entries(access).map(([table, actions]) => [table, [...actions].sort()]));
}
