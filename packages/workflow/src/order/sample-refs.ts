import { TABLE_NAMES, type TableName } from "@orderflow/domain";
import type { WorkflowRefs } from "../refs";
import { WORKFLOW_TASKS } from "./tasks";

const ACCOUNT = "123456789012";
const REGION = "eu-central-1";
const PREFIX = "orderflow-sample";

/**
 * Placeholder references of the shape infra passes in: the graph, the README and documentation
 * render from these, and tests build the definition with them. Nothing here points at a real account.
 */
export const sampleRefs: WorkflowRefs = {
  functionArns: Object.fromEntries(
    WORKFLOW_TASKS.map((t) => [
      t.stateName,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${PREFIX}-${t.name}`,
    ]),
  ),
  tableNames: Object.fromEntries(TABLE_NAMES.map((t) => [t, `${PREFIX}-${t}`])) as Record<TableName, string>,
  // One per task, as infra has one per container task: a test may flip any task to `kind: "container"`.
  containers: Object.fromEntries(
    WORKFLOW_TASKS.map((t) => [
      t.stateName,
      {
        clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${PREFIX}-${t.name}`,
        taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${PREFIX}-${t.name}:1`,
        containerName: t.name,
        subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
        securityGroupIds: ["sg-0a1b2c3d4e5f60001"],
        assignPublicIp: false,
      },
    ]),
  ),
};
