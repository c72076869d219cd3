import type { FunctionManifest, TableName } from "@orderflow/domain";
import * as pulumi from "@pulumi/pulumi";
import type { StatementInput } from "../iam/policy-document";
import { ECR_AUTHORIZATION_ACTIONS, LOG_STREAM_ACTIONS, TASK_TOKEN_ACTIONS } from "../iam/wildcards";
import { type TableRef, tableStatements } from "./function-statements";

/** The service that assumes a container task's roles, and the only one they may be passed to. */
export const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

/** What the Fargate agent needs to pull one image; `GetAuthorizationToken` is granted separately on `*`. */
const ECR_PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;

/**
 * The container's own permissions (its task role): report to the workflow with the task token, and the
 * DynamoDB actions its manifest declares on exactly those tables.
 *
 * The task-token calls are granted on `*`, as AWS's service authorization reference documents them (no
 * resource type). Public reports show AWS naming the state machine in an AccessDenied and grants scoped to
 * it working for unversioned executions, but nothing shows how an execution on a published version behind
 * an alias is evaluated, and a wrong guess fails every container order by timeout. The token itself is
 * the capability: an unguessable value handed to this task only. Waiver: `task-token-calls` in
 * `src/iam/wildcards.ts`.
 */
export function taskRoleStatements(
  manifest: FunctionManifest,
  tables: Readonly<Partial<Record<TableName, TableRef>>>,
): StatementInput[] {
  return [
    { Sid: "ReportToWorkflow", Effect: "Allow", Action: [...TASK_TOKEN_ACTIONS], Resource: ["*"] },
    ...tableStatements(manifest, tables),
  ];
}

/**
 * What the Fargate agent does before and around the container (the execution role): pull exactly this
 * repository's image and write to exactly this log group. Nothing the application uses.
 */
export function executionRoleStatements(
  repositoryArn: pulumi.Input<string>,
  logGroupArn: pulumi.Input<string>,
): StatementInput[] {
  return [
    { Sid: "PullImage", Effect: "Allow", Action: [...ECR_PULL_ACTIONS], Resource: [repositoryArn] },
    { Sid: "LogInToRegistry", Effect: "Allow", Action: [...ECR_AUTHORIZATION_ACTIONS], Resource: ["*"] },
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: [...LOG_STREAM_ACTIONS],
      Resource: [pulumi.interpolate`${logGroupArn}:log-stream:*`],
    },
  ];
}

/** What the state machine needs to start one container task with `.waitForTaskToken`. */
export interface ContainerLaunch {
  /** The task's own cluster; RunTask is allowed only there. */
  readonly clusterArn: pulumi.Input<string>;
  /** `arn:…:task-definition/<family>:*`: every revision of exactly this family. */
  readonly taskDefinitionFamilyArn: pulumi.Input<string>;
  /** The role the container runs as; the state machine passes it to ECS. */
  readonly taskRoleArn: pulumi.Input<string>;
  /** The role the Fargate agent pulls and logs with; passed to ECS as well. */
  readonly executionRoleArn: pulumi.Input<string>;
}

/**
 * The state machine's grants for its container states, keyed by state name. `.waitForTaskToken` needs
 * only `ecs:RunTask` (AWS's generated policy for the callback pattern): `ecs:StopTask`/`DescribeTasks` and
 * the `StepFunctionsGetEventsForECSTaskRule` events grants belong to `.sync`, which this workflow does not
 * use. RunTask is confined to each family in its own cluster (one statement per container, since IAM cannot
 * pair a resource with a condition value); PassRole to the containers' two roles each, and only to ECS.
 *
 * Statement ids must be unique within a policy: with several containers each RunTask statement carries its
 * state name (`RunContainerTaskCreateShipment`); a single container keeps the plain `RunContainerTask`.
 */
export function workflowContainerStatements(
  launches: Readonly<Record<string, ContainerLaunch>>,
): StatementInput[] {
  const byState = Object.entries(launches).sort(([a], [b]) => a.localeCompare(b));
  if (byState.length === 0) return [];
  const runSid = (state: string) => (byState.length > 1 ? `RunContainerTask${state}` : "RunContainerTask");
  return [
    ...byState.map(
      ([state, launch]): StatementInput => ({
        Sid: runSid(state),
        Effect: "Allow",
        Action: ["ecs:RunTask"],
        Resource: [launch.taskDefinitionFamilyArn],
        Condition: { ArnEquals: { "ecs:cluster": launch.clusterArn } },
      }),
    ),
    {
      Sid: "PassContainerTaskRoles",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: byState.flatMap(([, launch]) => [launch.taskRoleArn, launch.executionRoleArn]),
      Condition: { StringEquals: { "iam:PassedToService": ECS_TASKS_SERVICE } },
    },
  ];
}
