/**
 * What the policy rules read from a rendered state-machine definition, through the workflow's one ASL
 * model: its walk over nested states and its resource parser. A definition that cannot be read has no
 * task states (other rules report it).
 */
import {
  type AslDefinition,
  parseFunctionArn,
  parseResource,
  readAslDefinition,
  type TaskState,
  walkStates,
} from "@orderflow/workflow/asl";

/** A definition as the synth or the policy engine hands it over (a JSON string or parsed). */
function readable(definition: unknown): AslDefinition | undefined {
  const read = readAslDefinition(definition);
  return "definition" in read ? read.definition : undefined;
}

/** Every Task state in the definition, nested ones included, with its parsed resource. */
function taskStates(definition: unknown) {
  const asl = readable(definition);
  if (!asl) return [];
  return walkStates(asl).flatMap(({ name, state }) =>
    state.Type === "Task" ? [{ state: name, body: state, resource: parseResource(state.Resource) }] : [],
  );
}

const parametersOf = (state: TaskState) => (state.Parameters ?? {}) as Record<string, unknown>;

/** A Lambda Task state of a rendered definition, as far as infra checks care. */
export interface LambdaTaskState {
  readonly state: string;
  /** `Parameters.FunctionName`: the (qualified) function ARN the state invokes. */
  readonly functionArn: string;
  /** The function's name, from that ARN (empty when it is not a function ARN). */
  readonly functionName: string;
  /** The version or alias the ARN names, when it is qualified. */
  readonly qualifier: string | undefined;
  /** That ARN without its qualifier. */
  readonly unqualifiedArn: string;
  readonly timeoutSeconds: number | undefined;
}

/** Every `lambda:invoke` Task in the definition (any pattern), including nested ones. */
export function lambdaTaskStates(definition: unknown): LambdaTaskState[] {
  return taskStates(definition).flatMap(({ state, body, resource }) => {
    if (resource.kind !== "integration" || resource.service !== "lambda" || resource.action !== "invoke") {
      return [];
    }
    const functionArn = String(parametersOf(body).FunctionName ?? "");
    const parsed = parseFunctionArn(functionArn);
    return [
      {
        state,
        functionArn,
        functionName: parsed?.name ?? "",
        qualifier: parsed?.qualifier,
        unqualifiedArn: parsed?.unqualified ?? functionArn,
        timeoutSeconds: body.TimeoutSeconds,
      },
    ];
  });
}

/** An optimized service integration (DynamoDB, EventBridge) of a rendered definition. */
export interface ServiceTaskState {
  readonly state: string;
  /** The IAM action the integration needs, e.g. `dynamodb:UpdateItem`. */
  readonly iamAction: string;
  /** The ARN suffixes the action must be allowed on: `:table/<name>` or `:event-bus/<name>`. */
  readonly resourceSuffixes: readonly string[];
}

/** Every DynamoDB and EventBridge Task in the definition, with the permission it needs. */
export function serviceTaskStates(definition: unknown): ServiceTaskState[] {
  return taskStates(definition).flatMap(({ state, body, resource }) => {
    if (resource.kind !== "integration" || !["dynamodb", "events"].includes(resource.service)) return [];
    const { service, action } = resource;
    const parameters = parametersOf(body);
    const entries = (parameters.Entries ?? []) as Record<string, unknown>[];
    return [
      {
        state,
        iamAction: `${service}:${action.charAt(0).toUpperCase()}${action.slice(1)}`,
        resourceSuffixes:
          service === "dynamodb"
            ? [`:table/${String(parameters.TableName)}`]
            : entries.map((entry) => `:event-bus/${String(entry.EventBusName ?? "default")}`),
      },
    ];
  });
}

/** An ECS RunTask state of a rendered definition (any integration pattern). */
export interface EcsTaskState {
  readonly state: string;
  readonly resource: string;
  readonly clusterArn: string;
  /** `Parameters.TaskDefinition`: a revision ARN, `family:revision` or a family. */
  readonly taskDefinition: string;
}

/** Every ECS RunTask state in the definition, including nested ones. */
export function ecsTaskStates(definition: unknown): EcsTaskState[] {
  return taskStates(definition).flatMap(({ state, body, resource }) => {
    if (resource.kind !== "integration" || resource.service !== "ecs" || resource.action !== "runTask") {
      return [];
    }
    const parameters = parametersOf(body);
    return [
      {
        state,
        resource: body.Resource,
        clusterArn: String(parameters.Cluster ?? ""),
        taskDefinition: String(parameters.TaskDefinition ?? ""),
      },
    ];
  });
}
