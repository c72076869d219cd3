// Rendered from the `orderflow` field of each packages/tasks/*/package.json by
// `pnpm --filter @orderflow/task-registry write` (the task generator runs it); do not edit.
import { task as chargePayment } from "@orderflow/task-charge-payment/task";
import { task as createShipment } from "@orderflow/task-create-shipment/task";
import { task as refundPayment } from "@orderflow/task-refund-payment/task";
import { task as releaseInventory } from "@orderflow/task-release-inventory/task";
import { task as reserveInventory } from "@orderflow/task-reserve-inventory/task";
import { task as validateOrder } from "@orderflow/task-validate-order/task";
import type { RegisteredTask } from "./registered-task";

/** Every workflow step's package and manifest, in folder order. */
export const REGISTERED_TASKS: readonly RegisteredTask[] = [
  {
    dir: "packages/tasks/charge-payment",
    owners: ["@orderflow/payments-team"],
    manifest: chargePayment,
  },
  {
    dir: "packages/tasks/create-shipment",
    owners: ["@orderflow/fulfilment-team"],
    manifest: createShipment,
  },
  {
    dir: "packages/tasks/refund-payment",
    owners: ["@orderflow/payments-team"],
    manifest: refundPayment,
  },
  {
    dir: "packages/tasks/release-inventory",
    owners: ["@orderflow/inventory-team"],
    manifest: releaseInventory,
  },
  {
    dir: "packages/tasks/reserve-inventory",
    owners: ["@orderflow/inventory-team"],
    manifest: reserveInventory,
  },
  {
    dir: "packages/tasks/validate-order",
    owners: ["@orderflow/checkout-team"],
    manifest: validateOrder,
  },
];
