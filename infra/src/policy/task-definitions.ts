import type { PolicyResource } from "@pulumi/policy";
import { RESOURCE_TYPES as T } from "./resource-types";
import { at, type Props, parsed } from "./rule";

/** A container definition as ECS reads it (the awsx inputs use the same camelCase names). */
export type ContainerDefinition = Readonly<Record<string, unknown>>;

/**
 * The container definitions of a task definition, whichever resource declares it: the awsx component's
 * `container`/`containers` inputs (what the offline synth sees) or the `containerDefinitions` JSON of the
 * aws.ecs.TaskDefinition awsx registers (what a real preview also shows).
 */
export function containerDefinitions(type: string, props: Props): ContainerDefinition[] {
  if (type === T.awsxTaskDefinition) {
    const single = props.container === undefined || props.container === null ? [] : [props.container];
    const named = Object.values((props.containers ?? {}) as Record<string, unknown>);
    return [...single, ...named] as ContainerDefinition[];
  }
  const definitions = parsed(props.containerDefinitions);
  return Array.isArray(definitions) ? (definitions as ContainerDefinition[]) : [];
}

/** A task definition's family and the roles it runs with (undefined while unknown in a preview). */
export interface TaskDefinitionSummary {
  readonly resource: string;
  readonly family: string | undefined;
  readonly cpuArchitecture: string | undefined;
  readonly taskRoleArn: string | undefined;
  readonly executionRoleArn: string | undefined;
}

export const TASK_DEFINITION_TYPES = [T.awsxTaskDefinition, T.ecsTaskDefinition] as const;

export function taskDefinitions(resources: readonly PolicyResource[]): TaskDefinitionSummary[] {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  return resources
    .filter((r) => (TASK_DEFINITION_TYPES as readonly string[]).includes(r.type))
    .map((r) => {
      const awsx = r.type === T.awsxTaskDefinition;
      return {
        resource: r.name,
        family: text(r.props.family),
        cpuArchitecture: text(at(r.props, "runtimePlatform.cpuArchitecture")),
        taskRoleArn: text(awsx ? at(r.props, "taskRole.roleArn") : r.props.taskRoleArn),
        executionRoleArn: text(awsx ? at(r.props, "executionRole.roleArn") : r.props.executionRoleArn),
      };
    });
}
