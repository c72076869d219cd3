import type { TaskManifest } from "@orderflow/domain";
import { task as chargePayment } from "@orderflow/task-charge-payment/task";
import { task as createShipment } from "@orderflow/task-create-shipment/task";
import { task as refundPayment } from "@orderflow/task-refund-payment/task";
import { task as releaseInventory } from "@orderflow/task-release-inventory/task";
import { task as reserveInventory } from "@orderflow/task-reserve-inventory/task";
import { task as validateOrder } from "@orderflow/task-validate-order/task";

/** The six task manifests the order workflow runs: four forward steps, then the two compensations. */
export const WORKFLOW_TASKS: readonly TaskManifest[] = [
  validateOrder,
  reserveInventory,
  chargePayment,
  createShipment,
  releaseInventory,
  refundPayment,
];

/** The forward steps in saga order; their state names come from their manifests. */
export const FORWARD_STEPS = [
  validateOrder.stateName,
  reserveInventory.stateName,
  chargePayment.stateName,
  createShipment.stateName,
] as const;

export const COMPENSATION_STEPS = [releaseInventory.stateName, refundPayment.stateName] as const;

export type TaskStateName = (typeof FORWARD_STEPS)[number] | (typeof COMPENSATION_STEPS)[number];

/** The manifest of each state, failing with the missing names when `tasks` lacks one. */
export function manifestsByState(tasks: readonly TaskManifest[]): Record<TaskStateName, TaskManifest> {
  const byState = new Map(tasks.map((t) => [t.stateName, t]));
  const missing = [...FORWARD_STEPS, ...COMPENSATION_STEPS].filter((name) => !byState.has(name));
  if (missing.length > 0) {
    throw new Error(`the order workflow needs task manifests for ${missing.join(", ")}; none was given`);
  }
  return Object.fromEntries(byState) as Record<TaskStateName, TaskManifest>;
}
