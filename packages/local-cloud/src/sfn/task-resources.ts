import { type AslDefinition, parseResource, walkStates } from "@orderflow/workflow/asl";

/** How a Task state appears in an execution history: the resource it calls and its timers. */
export interface TaskResourceInfo {
  /** `lambda` and `invoke` for `arn:aws:states:::lambda:invoke`; for a bare function ARN, `lambda` and the ARN. */
  readonly resourceType: string;
  readonly resource: string;
  /** A bare function ARN: the history speaks of LambdaFunction* events instead of Task* events. */
  readonly legacyLambda: boolean;
  readonly timeoutInSeconds?: number;
  readonly heartbeatInSeconds?: number;
}

/** Every Task state of a definition (nested ones included) with what its history events name. */
export function taskResources(definition: AslDefinition): ReadonlyMap<string, TaskResourceInfo> {
  const tasks = new Map<string, TaskResourceInfo>();
  for (const { name, state } of walkStates(definition)) {
    if (state.Type !== "Task") continue;
    const parsed = parseResource(state.Resource);
    const timers = {
      ...(typeof state.TimeoutSeconds === "number" && { timeoutInSeconds: state.TimeoutSeconds }),
      ...(typeof state.HeartbeatSeconds === "number" && { heartbeatInSeconds: state.HeartbeatSeconds }),
    };
    if (parsed.kind === "function") {
      tasks.set(name, { resourceType: "lambda", resource: state.Resource, legacyLambda: true, ...timers });
    } else if (parsed.kind === "integration") {
      const suffix = parsed.pattern === "request-response" ? "" : `.${parsed.pattern}`;
      tasks.set(name, {
        resourceType: parsed.service,
        resource: `${parsed.action}${suffix}`,
        legacyLambda: false,
        ...timers,
      });
    }
  }
  return tasks;
}
