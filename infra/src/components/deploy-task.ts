import type { ContainerTaskManifest, LambdaTaskManifest, TaskManifest } from "@orderflow/domain";
import type * as pulumi from "@pulumi/pulumi";
import { ContainerTask, type ContainerTaskArgs } from "./container-task";
import type { WorkflowFunction } from "./order-workflow";
import { TaskFunction, type TaskFunctionArgs } from "./task-function";

/** A deployed workflow task, whatever runs it. */
export interface DeployedTask {
  /** The manifest's name (`reserve-inventory`). */
  readonly name: string;
  /** The workflow state that runs it (`ReserveInventory`); the workflow's references are keyed by it. */
  readonly stateName: string;
  /** Set for Lambda tasks: what the workflow invokes and its role may invoke. */
  readonly lambda?: WorkflowFunction & {
    readonly functionName: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly component: TaskFunction;
  };
  /** Set for container tasks: what the workflow runs through ECS. */
  readonly container?: ContainerTask;
}

/**
 * How to deploy a task either way. Functions, not values: only the kind the manifest names is built (a
 * Lambda task needs its bundle, a container task its Dockerfile, and neither needs the other's).
 */
export interface TaskSettings {
  readonly lambda: (manifest: LambdaTaskManifest) => Omit<TaskFunctionArgs, "manifest">;
  readonly container: (manifest: ContainerTaskManifest) => Omit<ContainerTaskArgs, "manifest">;
}

/**
 * Deploys a task the way its manifest's `kind` says. Moving a task between Lambda and a container is a
 * manifest change: this is the one place that routes it, and the workflow builder follows the same field.
 */
export function deployTask(
  manifest: TaskManifest,
  settings: TaskSettings,
  opts: pulumi.ComponentResourceOptions,
): DeployedTask {
  switch (manifest.kind) {
    case "lambda": {
      const component = new TaskFunction(manifest.name, { ...settings.lambda(manifest), manifest }, opts);
      return {
        name: manifest.name,
        stateName: manifest.stateName,
        lambda: {
          arn: component.arn,
          versionArn: component.versionArn,
          functionName: component.functionName,
          logGroupName: component.logGroupName,
          component,
        },
      };
    }
    case "container":
      return {
        name: manifest.name,
        stateName: manifest.stateName,
        container: new ContainerTask(manifest.name, { ...settings.container(manifest), manifest }, opts),
      };
  }
}

/** The Lambda tasks keyed by state name, as the workflow invokes them. */
export function workflowFunctions(tasks: readonly DeployedTask[]): Record<string, WorkflowFunction> {
  return Object.fromEntries(
    tasks.flatMap((task) =>
      task.lambda ? [[task.stateName, { arn: task.lambda.arn, versionArn: task.lambda.versionArn }]] : [],
    ),
  );
}

/** The container tasks keyed by state name, as the workflow runs them. */
export function workflowContainers(tasks: readonly DeployedTask[]): Record<string, ContainerTask> {
  return Object.fromEntries(
    tasks.flatMap((task) => (task.container ? [[task.stateName, task.container]] : [])),
  );
}
