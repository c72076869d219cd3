import type { ContainerTaskManifest, TaskManifest } from "@orderflow/domain";
import { containerTask, lambdaTask } from "@orderflow/task-create-shipment/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import { type ContainerImageSource, containerImage, packageDir } from "../src/code";

/** A stack's program input for a suite: the workflow's task manifests (and, optionally, their images). */
export interface Variant {
  readonly label: string;
  readonly tasks: readonly TaskManifest[];
  /** Where container images are built from. @default each task's own package */
  readonly imageSource?: (manifest: ContainerTaskManifest) => ContainerImageSource;
}

/** CreateShipment's container manifest, exactly as its package exports it for the flip. */
export const containerShipment: ContainerTaskManifest = containerTask;

export const SHIPMENT_PACKAGE = "@orderflow/task-create-shipment/task";
export const SHIPMENT_PACKAGE_DIR = packageDir(SHIPMENT_PACKAGE);

/** As checked in: CreateShipment's package names its container manifest (fulfilment on Fargate). */
export const DEFAULT_VARIANT: Variant = { label: "as checked in", tasks: WORKFLOW_TASKS };

/** CreateShipment switched back to its Lambda manifest: the other side of the one-line flip. */
export const LAMBDA_VARIANT: Variant = {
  label: "CreateShipment as a Lambda function",
  tasks: WORKFLOW_TASKS.map((t) => (t.stateName === lambdaTask.stateName ? lambdaTask : t)),
};

/**
 * The workflow with CreateShipment on its container manifest, named explicitly (today the same as
 * `WORKFLOW_TASKS`, whose package's `task` export names `containerTask`), for the tests that are about the
 * container path whatever the checked-in choice. The program builds the image source itself (the
 * package's Dockerfile and its built `dist/container/`).
 */
export const CONTAINER_VARIANT: Variant = {
  label: "CreateShipment as a container",
  tasks: WORKFLOW_TASKS.map((t) => (t.stateName === containerShipment.stateName ? containerShipment : t)),
};

/**
 * A task's manifest flipped to `kind: "container"` with CreateShipment's container sizing (Fargate's
 * smallest pair, a heartbeat that covers placement and image pull, lost heartbeats retried).
 */
export function asContainer(manifest: TaskManifest): ContainerTaskManifest {
  const { cpu, memoryMb, timeoutSeconds, heartbeatSeconds } = containerShipment;
  return {
    ...manifest,
    kind: "container",
    cpu,
    memoryMb,
    timeoutSeconds,
    heartbeatSeconds,
    retryableErrors: [...manifest.retryableErrors, "States.HeartbeatTimeout"],
  };
}

/**
 * Two container tasks: ReserveInventory flipped too, beside CreateShipment. ReserveInventory's package has
 * no Dockerfile, so both images build from CreateShipment's package (its real Dockerfile and bundle); each
 * task still gets its own repository, image, cluster, task definition, roles and log group.
 */
export const TWO_CONTAINERS_VARIANT: Variant = {
  label: "ReserveInventory and CreateShipment as containers",
  tasks: CONTAINER_VARIANT.tasks.map((t) => (t.stateName === "ReserveInventory" ? asContainer(t) : t)),
  imageSource: () => containerImage(SHIPMENT_PACKAGE),
};
