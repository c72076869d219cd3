import { apiFunction } from "@orderflow/api/function";
import type { FunctionManifest, TaskManifest } from "@orderflow/domain";
import { outboxFunction } from "@orderflow/outbox/function";
import { reconcilerFunction } from "@orderflow/reconciler/function";
import { WORKFLOW_TASKS } from "@orderflow/workflow";

/** Functions that are not workflow tasks: the API, the outbox's publisher and the reconciler. */
export const OPERATIONS_FUNCTIONS = [apiFunction, outboxFunction, reconcilerFunction] as const;

/** Every manifest a stack deploys, the one list config validation and the stack plan read. */
export function deployedFunctions(
  tasks: readonly TaskManifest[] = WORKFLOW_TASKS,
): readonly FunctionManifest[] {
  return [...tasks, ...OPERATIONS_FUNCTIONS];
}
