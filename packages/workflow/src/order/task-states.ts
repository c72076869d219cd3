import { CONTAINER_TASK_ENV, type TaskManifest } from "@orderflow/domain";
import {
  type Catcher,
  ecsRunTaskWithToken,
  jsonObjectString,
  lambdaInvoke,
  payloadFields,
  type StateNode,
  TASK_TOKEN_PATH,
  type TaskState,
} from "../asl";
import type { WorkflowRefs } from "../refs";
import { taskRetry } from "./retries";
import { payloadTemplate, type TaskIo, taskIo } from "./task-io";
import { taskTimeoutSeconds } from "./timeouts";

function lambdaResult({ result }: TaskIo) {
  if (result === "discard") return { kind: "discard" } as const;
  return result ? ({ kind: "store", ...result } as const) : ({ kind: "replace" } as const);
}

function containerResult({ result }: TaskIo) {
  if (result === "discard") return { resultPath: null };
  return result ? { resultSelector: payloadFields(result.fields, "$"), resultPath: result.at } : {};
}

function lambdaState(manifest: TaskManifest, refs: WorkflowRefs, catchers: readonly Catcher[]) {
  const name = manifest.stateName;
  const functionArn = refs.functionArns[name];
  if (!functionArn) {
    throw new Error(`refs.functionArns has no entry for the Lambda task ${name}; add its function ARN`);
  }
  const io = taskIo(name);
  return lambdaInvoke(name, {
    comment: manifest.description,
    functionArn,
    payload: io.input === "$" ? "$" : payloadTemplate(io.input),
    result: lambdaResult(io),
    timeoutSeconds: taskTimeoutSeconds(manifest),
    retry: taskRetry(manifest),
    catch: catchers,
  });
}

function containerState(
  manifest: Extract<TaskManifest, { kind: "container" }>,
  refs: WorkflowRefs,
  catchers: readonly Catcher[],
) {
  const name = manifest.stateName;
  const container = refs.containers?.[name];
  if (!container) {
    throw new Error(
      `${name} runs as a container (manifest kind "container") but refs.containers has no entry for it; ` +
        `add refs.containers.${name} with the cluster, task definition, container name, subnets and security groups`,
    );
  }
  const io = taskIo(name);
  return ecsRunTaskWithToken(name, {
    comment: manifest.description,
    clusterArn: container.clusterArn,
    taskDefinitionArn: container.taskDefinitionArn,
    containerName: container.containerName,
    subnetIds: container.subnetIds,
    securityGroupIds: container.securityGroupIds,
    assignPublicIp: container.assignPublicIp,
    environment: {
      [CONTAINER_TASK_ENV.taskToken]: TASK_TOKEN_PATH,
      // Only the input contract, never the whole state: overrides are visible in DescribeTasks and
      // CloudTrail, and the state carries the customer's e-mail and card token.
      [CONTAINER_TASK_ENV.input]: io.input === "$" ? "States.JsonToString($)" : jsonObjectString(io.input),
    },
    heartbeatSeconds: manifest.heartbeatSeconds,
    timeoutSeconds: taskTimeoutSeconds(manifest),
    retry: taskRetry(manifest),
    catch: catchers,
    // The container reports its result itself (SendTaskSuccess), so there is no Payload to unwrap.
    ...containerResult(io),
  });
}

/** The state for one task manifest: a Lambda invocation or, for `kind: "container"`, an ECS task. */
export function taskState(
  manifest: TaskManifest,
  refs: WorkflowRefs,
  catchers: readonly Catcher[],
): StateNode<TaskState> {
  return manifest.kind === "container"
    ? containerState(manifest, refs, catchers)
    : lambdaState(manifest, refs, catchers);
}
