import type { TaskManifest } from "@orderflow/domain";
import { orderWorkflow, WORKFLOW_TASKS } from "@orderflow/workflow";
import type { AslDefinition } from "@orderflow/workflow/asl";
import { type TaskState, taskStatesOf } from "./integrations";
import { LOCAL_TABLE_PREFIX, localRefs, localTableNames } from "./local-refs";

/** The workflow definition as the local runtime runs it, and what it needs to know about its tasks. */
export interface LocalDefinition {
  readonly definition: AslDefinition;
  readonly tables: ReturnType<typeof localTableNames>;
  /** The manifests of the workflow's tasks (each runs its package's code locally). */
  readonly manifests: readonly TaskManifest[];
  /** Every Task state with how it is served; these are the states a fault plan may name. */
  readonly taskStates: readonly TaskState[];
}

/**
 * Builds the one definition with local references: the same pure `orderWorkflow` infra deploys, fed
 * with local function ARNs, container references, table names and bus name. Pure: nothing starts.
 *
 * @param tablePrefix prefix of the physical table names. @default "orderflow-local-"
 * @param manifests the workflow's task manifests. @default WORKFLOW_TASKS
 */
export function localDefinition(
  tablePrefix: string = LOCAL_TABLE_PREFIX,
  manifests: readonly TaskManifest[] = WORKFLOW_TASKS,
): LocalDefinition {
  const tables = localTableNames(tablePrefix);
  const refs = localRefs(manifests, tables);
  const definition = orderWorkflow(refs, manifests);
  return { definition, tables, manifests, taskStates: taskStatesOf(definition) };
}
