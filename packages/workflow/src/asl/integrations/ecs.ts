import { AslBuildError, type StateNode } from "../node";
import { RESOURCES } from "../resources";
import { task } from "../states";
import type { JsonObject, TaskState } from "../types";
import type { IntegrationOptions } from "./common";

/** The context path of the token a `.waitForTaskToken` task hands to its worker. */
export const TASK_TOKEN_PATH = "$$.Task.Token";

export interface EcsRunTaskOptions extends IntegrationOptions {
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** @default "FARGATE" */
  readonly launchType?: "FARGATE" | "EC2";
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** @default false */
  readonly assignPublicIp?: boolean;
  /** The container whose environment is overridden. */
  readonly containerName: string;
  /**
   * Environment variables set per execution: name → JSONPath or intrinsic function (`$.…`,
   * `$$.Task.Token`, `States.…`), evaluated against the state.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** Required: the only way to notice a container that died without reporting. */
  readonly heartbeatSeconds: number;
  readonly resultSelector?: JsonObject;
  readonly resultPath?: string | null;
}

/**
 * Runs an ECS task and waits until its container reports with the task token (`SendTaskSuccess`
 * / `SendTaskFailure`), its output becoming the state's result.
 */
export function ecsRunTaskWithToken(name: string, options: EcsRunTaskOptions): StateNode<TaskState> {
  const {
    clusterArn,
    taskDefinitionArn,
    launchType = "FARGATE",
    subnetIds,
    securityGroupIds,
    assignPublicIp = false,
    containerName,
    environment,
    resultSelector,
    resultPath,
    ...rest
  } = options;
  if (subnetIds.length === 0) throw new AslBuildError(name, "an awsvpc task needs at least one subnet");
  if (!Object.values(environment).includes(TASK_TOKEN_PATH)) {
    throw new AslBuildError(name, `no environment variable carries the task token (${TASK_TOKEN_PATH})`);
  }
  return task(name, {
    ...rest,
    resource: RESOURCES.ecsRunTaskWithToken,
    parameters: {
      Cluster: clusterArn,
      TaskDefinition: taskDefinitionArn,
      LaunchType: launchType,
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: [...subnetIds],
          SecurityGroups: [...securityGroupIds],
          AssignPublicIp: assignPublicIp ? "ENABLED" : "DISABLED",
        },
      },
      Overrides: {
        ContainerOverrides: [
          {
            Name: containerName,
            Environment: Object.entries(environment).map(([key, value]) => ({ Name: key, "Value.$": value })),
          },
        ],
      },
    },
    ...(resultSelector !== undefined && { resultSelector }),
    ...(resultPath !== undefined && { resultPath }),
  });
}
