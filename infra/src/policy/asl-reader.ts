/** A Lambda Task state of a rendered definition, as far as infra checks care. */
export interface LambdaTaskState {
  readonly state: string;
  /** `Parameters.FunctionName`: the (qualified) function ARN the state invokes. */
  readonly functionArn: string;
  readonly timeoutSeconds: number | undefined;
}

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** Every Lambda Task in the definition, including those inside Parallel branches and Map processors. */
export function lambdaTaskStates(definition: unknown): LambdaTaskState[] {
  const found: LambdaTaskState[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | null)?.States ?? {};
    for (const [state, body] of Object.entries(states)) {
      if (body.Type === "Task" && typeof body.Resource === "string" && LAMBDA_INVOKE.test(body.Resource)) {
        const parameters = (body.Parameters ?? {}) as Record<string, unknown>;
        found.push({
          state,
          functionArn: String(parameters.FunctionName ?? ""),
          timeoutSeconds: typeof body.TimeoutSeconds === "number" ? body.TimeoutSeconds : undefined,
        });
      }
      for (const branch of (body.Branches as unknown[] | undefined) ?? []) visit(branch);
      if (body.ItemProcessor) visit(body.ItemProcessor);
      if (body.Iterator) visit(body.Iterator);
    }
  };
  visit(definition);
  return found;
}

/** `arn:aws:lambda:r:a:function:name:3` → `arn:aws:lambda:r:a:function:name`. */
export function unqualified(functionArn: string): string {
  const parts = functionArn.split(":");
  return parts.length > 7 ? parts.slice(0, 7).join(":") : functionArn;
}

/** An optimized service integration (DynamoDB, EventBridge) of a rendered definition. */
export interface ServiceTaskState {
  readonly state: string;
  /** The IAM action the integration needs, e.g. `dynamodb:UpdateItem`. */
  readonly iamAction: string;
  /** The ARN suffixes the action must be allowed on: `:table/<name>` or `:event-bus/<name>`. */
  readonly resourceSuffixes: readonly string[];
}

const SERVICE_INTEGRATION = /^arn:aws[\w-]*:states:::(dynamodb|events):(\w+)$/;

/** Every DynamoDB and EventBridge Task in the definition, with the permission it needs. */
export function serviceTaskStates(definition: unknown): ServiceTaskState[] {
  const found: ServiceTaskState[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | null)?.States ?? {};
    for (const [state, body] of Object.entries(states)) {
      const match = typeof body.Resource === "string" ? SERVICE_INTEGRATION.exec(body.Resource) : null;
      if (body.Type === "Task" && match) {
        const [, service = "", api = ""] = match;
        const parameters = (body.Parameters ?? {}) as Record<string, unknown>;
        const entries = (parameters.Entries ?? []) as Record<string, unknown>[];
        found.push({
          state,
          iamAction: `${service}:${api.charAt(0).toUpperCase()}${api.slice(1)}`,
          resourceSuffixes:
            service === "dynamodb"
              ? [`:table/${String(parameters.TableName)}`]
              : entries.map((entry) => `:event-bus/${String(entry.EventBusName ?? "default")}`),
        });
      }
      for (const branch of (body.Branches as unknown[] | undefined) ?? []) visit(branch);
      if (body.ItemProcessor) visit(body.ItemProcessor);
    }
  };
  visit(definition);
  return found;
}

/** An ECS RunTask state of a rendered definition (any integration pattern). */
export interface EcsTaskState {
  readonly state: string;
  readonly resource: string;
  readonly clusterArn: string;
  /** `Parameters.TaskDefinition`: a revision ARN, `family:revision` or a family. */
  readonly taskDefinition: string;
}

const ECS_RUN_TASK = /^arn:aws[\w-]*:states:::ecs:runTask(\.sync|\.waitForTaskToken)?$/;

/** Every ECS RunTask state in the definition, including those inside Parallel branches and Map processors. */
export function ecsTaskStates(definition: unknown): EcsTaskState[] {
  const found: EcsTaskState[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | null)?.States ?? {};
    for (const [state, body] of Object.entries(states)) {
      if (body.Type === "Task" && typeof body.Resource === "string" && ECS_RUN_TASK.test(body.Resource)) {
        const parameters = (body.Parameters ?? {}) as Record<string, unknown>;
        found.push({
          state,
          resource: body.Resource,
          clusterArn: String(parameters.Cluster ?? ""),
          taskDefinition: String(parameters.TaskDefinition ?? ""),
        });
      }
      for (const branch of (body.Branches as unknown[] | undefined) ?? []) visit(branch);
      if (body.ItemProcessor) visit(body.ItemProcessor);
      if (body.Iterator) visit(body.Iterator);
    }
  };
  visit(definition);
  return found;
}

/** `arn:…:task-definition/orderflow-dev-ship:3` or `orderflow-dev-ship:3` → `orderflow-dev-ship`. */
export function taskDefinitionFamily(taskDefinition: string): string {
  const name = taskDefinition.includes(":task-definition/")
    ? (taskDefinition.split(":task-definition/")[1] ?? "")
    : taskDefinition;
  return name.split(":")[0] ?? "";
}
