import type { TaskManifest } from "@orderflow/domain";
import { containerTask, lambdaTask } from "@orderflow/task-create-shipment/task";
import { orderWorkflow, sampleRefs, WORKFLOW_TASKS } from "../src";
import type { AslDefinition } from "../src/asl";

const withShipment = (shipment: TaskManifest): readonly TaskManifest[] =>
  WORKFLOW_TASKS.map((t) => (t.stateName === "CreateShipment" ? shipment : t));

/** The manifests with CreateShipment as a Lambda function. */
export const lambdaTasks = withShipment(lambdaTask);

/** The manifests with CreateShipment as a Fargate container (what WORKFLOW_TASKS names today). */
export const containerTasks = withShipment(containerTask);

/** The real definition in both shapes, built afresh (tests may mutate their copy). */
export const definitions = (): {
  name: string;
  definition: AslDefinition;
  tasks: readonly TaskManifest[];
}[] => [
  { name: "lambda", definition: orderWorkflow(sampleRefs, lambdaTasks), tasks: lambdaTasks },
  { name: "container", definition: orderWorkflow(sampleRefs, containerTasks), tasks: containerTasks },
];
