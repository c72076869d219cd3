import { apiFunction } from "@orderflow/api/function";
import type { FunctionManifest, TaskManifest } from "@orderflow/domain";
import { outboxFunction } from "@orderflow/outbox/function";
import { reconcilerFunction } from "@orderflow/reconciler/function";
import { task as notifyFunction } from "@orderflow/task-notify-customer/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";

/**
 * The functions beside the workflow's tasks: the API, the outbox's publisher, the reconciler and the
 * customer notifications.
 */
export const SERVICE_FUNCTIONS = [apiFunction, outboxFunction, reconcilerFunction, notifyFunction] as const;

/** Every manifest a stack deploys, the one list config validation and the stack plan read. */
export function deployedFunctions(
  tasks: readonly TaskManifest[] = WORKFLOW_TASKS,
): readonly FunctionManifest[] {
  return [...tasks, ...SERVICE_FUNCTIONS];
}
