import type { TaskManifest } from "@orderflow/domain";
import { REGISTERED_TASKS } from "@orderflow/task-registry";

/**
 * The forward steps in saga order, by state name: a registered task (packages/tasks/<name>, found by
 * @orderflow/task-registry) joins the workflow with one line here, at its place in the saga.
 */
export const FORWARD_STEPS: readonly string[] = [
  "ValidateOrder",
  "ReserveInventory",
  "ChargePayment",
  "CreateShipment",
];

/** The compensations; the workflow wires them by name (see order-workflow.ts). */
export const COMPENSATION_STEPS = ["ReleaseInventory", "RefundPayment"] as const;

/** The steps whose wiring the saga spells out: their reads, results and compensation. */
export type SagaStateName =
  | "ValidateOrder"
  | "ReserveInventory"
  | "ChargePayment"
  | "CreateShipment"
  | (typeof COMPENSATION_STEPS)[number];

/** The manifest of each state, failing with the missing names when `tasks` lacks one. */
export function manifestsByState(
  tasks: readonly TaskManifest[],
  steps: readonly string[] = [...FORWARD_STEPS, ...COMPENSATION_STEPS],
): ReadonlyMap<string, TaskManifest> {
  const byState = new Map(tasks.map((t) => [t.stateName, t]));
  const missing = steps.filter((name) => !byState.has(name));
  if (missing.length > 0) {
    throw new Error(
      `the order workflow needs task manifests for ${missing.join(", ")}; none was given (a task package registers its state in its package.json "orderflow" field)`,
    );
  }
  return byState;
}

/** The manifest of `state` in `manifests`; {@link manifestsByState} made sure it is there. */
export function manifestOf(manifests: ReadonlyMap<string, TaskManifest>, state: string): TaskManifest {
  return manifests.get(state) as TaskManifest;
}

/** The task manifests the order workflow runs: the forward steps in order, then the compensations. */
export const WORKFLOW_TASKS: readonly TaskManifest[] = (() => {
  const manifests = manifestsByState(REGISTERED_TASKS.map((t) => t.manifest));
  return [...FORWARD_STEPS, ...COMPENSATION_STEPS].map((state) => manifestOf(manifests, state));
})();
