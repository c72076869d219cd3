import { type AslDefinition, parseResource, type TaskResource, walkStates } from "@orderflow/workflow/asl";

/** How a Task state's `Resource` is served locally. */
export type Integration = "lambda" | "dynamodb" | "events" | "ecs";

export interface TaskState {
  readonly name: string;
  readonly resource: string;
  readonly integration: Integration;
  /** The API action of a service integration (`updateItem`, `putEvents`, `runTask`, `invoke`). */
  readonly action: string;
  /** `lambda:invoke` (optimized integration: Parameters carry `FunctionName` + `Payload`) vs a bare function ARN. */
  readonly optimized: boolean;
  readonly waitForTaskToken: boolean;
  /** Every error name some retrier of the state matches, in definition order. */
  readonly retriedErrors: readonly string[];
}

const DYNAMODB_ACTIONS = new Set(["getItem", "putItem", "updateItem", "deleteItem"]);

/** A Task state whose resource the local runtime cannot serve; raised before anything starts. */
export class UnsupportedResource extends Error {
  override readonly name = "UnsupportedResource";
}

type Served = Omit<TaskState, "name" | "resource" | "retriedErrors">;

function served(parsed: TaskResource): Served | undefined {
  if (parsed.kind === "function") {
    return { integration: "lambda", action: "invoke", optimized: false, waitForTaskToken: false };
  }
  if (parsed.kind !== "integration") return undefined;
  const { service, action, pattern } = parsed;
  const base = { action, optimized: true, waitForTaskToken: pattern === "waitForTaskToken" };
  if (pattern === "request-response") {
    if (service === "lambda" && action === "invoke") return { integration: "lambda", ...base };
    if (service === "dynamodb" && DYNAMODB_ACTIONS.has(action)) return { integration: "dynamodb", ...base };
    if (service === "events" && action === "putEvents") return { integration: "events", ...base };
  }
  if (service === "ecs" && action === "runTask" && pattern === "waitForTaskToken") {
    return { integration: "ecs", ...base };
  }
  return undefined;
}

/** The Task states of a definition with how each is served locally, in definition order. */
export function taskStatesOf(definition: AslDefinition): TaskState[] {
  return walkStates(definition).flatMap(({ name, state }) => {
    if (state.Type !== "Task") return [];
    const how = served(parseResource(state.Resource));
    if (!how) {
      throw new UnsupportedResource(
        `state ${name}: the local runtime cannot run resource ${state.Resource}; it serves lambda:invoke and function ARNs, dynamodb:getItem/putItem/updateItem/deleteItem, events:putEvents and ecs:runTask.waitForTaskToken`,
      );
    }
    return [
      {
        name,
        resource: state.Resource,
        ...how,
        retriedErrors: (state.Retry ?? []).flatMap((r) => r.ErrorEquals),
      },
    ];
  });
}
