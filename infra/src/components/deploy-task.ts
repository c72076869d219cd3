import type { TaskManifest } from "@orderflow/domain";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkflowFunction } from "./order-workflow";
import { TaskFunction, type TaskFunctionArgs } from "./task-function";

/** A deployed workflow task, whatever runs it. */
export interface DeployedTask {
  /** The manifest's name (`reserve-inventory`). */
  readonly name: string;
  readonly stateName: string;
  /** Set for Lambda tasks: what the workflow invokes and its role may invoke. */
  readonly lambda?: WorkflowFunction & {
    readonly functionName: pulumi.Output<string>;
    readonly component: TaskFunction;
  };
}

/**
 * Deploys a task the way its manifest's `kind` says. Moving a task between Lambda and a container is a
 * manifest change: this is the one place that routes it, and the workflow builder follows the same field.
 */
export function deployTask(
  manifest: TaskManifest,
  args: Omit<TaskFunctionArgs, "manifest">,
  opts: pulumi.ComponentResourceOptions,
): DeployedTask {
  switch (manifest.kind) {
    case "lambda": {
      const component = new TaskFunction(manifest.name, { ...args, manifest }, opts);
      return {
        name: manifest.name,
        stateName: manifest.stateName,
        lambda: {
          arn: component.arn,
          versionArn: component.versionArn,
          functionName: component.functionName,
          component,
        },
      };
    }
    case "container":
      throw new Error(
        `${manifest.stateName} is declared kind "container"; container tasks need the Fargate component ` +
          "(issue 6), which this program does not deploy yet",
      );
  }
}
