import type { ContainerTaskManifest, TaskManifest } from "@orderflow/domain";
import { containerTask } from "@orderflow/task-create-shipment/task";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import { packageDir } from "../src/code";

/** A stack's program input for a suite: the workflow's task manifests. */
export interface Variant {
  readonly label: string;
  readonly tasks: readonly TaskManifest[];
}

/** CreateShipment's container manifest, exactly as its package exports it for the flip. */
export const containerShipment: ContainerTaskManifest = containerTask;

export const SHIPMENT_PACKAGE = "@orderflow/task-create-shipment/task";
export const SHIPMENT_PACKAGE_DIR = packageDir(SHIPMENT_PACKAGE);

export const DEFAULT_VARIANT: Variant = { label: "as checked in", tasks: WORKFLOW_TASKS };

/**
 * The workflow with CreateShipment flipped to its container manifest: what `WORKFLOW_TASKS` becomes once
 * the package's `task` export names `containerTask`. The program builds the image source itself (the
 * package's Dockerfile and its built `dist/container/`), as it will after the flip.
 */
export const CONTAINER_VARIANT: Variant = {
  label: "CreateShipment as a container",
  tasks: WORKFLOW_TASKS.map((t) => (t.stateName === containerShipment.stateName ? containerShipment : t)),
};
