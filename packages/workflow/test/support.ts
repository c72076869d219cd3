import type { TaskManifest } from "@orderflow/domain";
import { type AslDefinition, orderWorkflow, sampleRefs, WORKFLOW_TASKS } from "../src";

/** The manifests with CreateShipment switched to a Fargate container, as issue 6 does. */
export const containerTasks: readonly TaskManifest[] = WORKFLOW_TASKS.map((t) =>
  t.stateName === "CreateShipment" ? { ...t, kind: "container", cpu: 256, heartbeatSeconds: 60 } : t,
);

/** The real definition in both shapes, built afresh (tests may mutate their copy). */
export const definitions = (): {
  name: string;
  definition: AslDefinition;
  tasks: readonly TaskManifest[];
}[] => [
  { name: "lambda", definition: orderWorkflow(sampleRefs), tasks: WORKFLOW_TASKS },
  { name: "container", definition: orderWorkflow(sampleRefs, containerTasks), tasks: containerTasks },
];
