import { type AslDefinition, allStates } from "./asl";

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

const SERVICE_RESOURCE =
  /^arn:aws[\w-]*:states:::(lambda|dynamodb|events|ecs):(\w+)(?:\.(sync|waitForTaskToken))?$/;
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(?::[\w$-]+)?$/;
const DYNAMODB_ACTIONS = new Set(["getItem", "putItem", "updateItem", "deleteItem"]);

/** A Task state whose resource the local runtime cannot serve; raised before anything starts. */
export class UnsupportedResource extends Error {
  override readonly name = "UnsupportedResource";
}

function classify(name: string, resource: string): Omit<TaskState, "name" | "resource" | "retriedErrors"> {
  if (FUNCTION_ARN.test(resource)) {
    return { integration: "lambda", action: "invoke", optimized: false, waitForTaskToken: false };
  }
  const match = SERVICE_RESOURCE.exec(resource);
  const [, service, action = "", mode] = match ?? [];
  const waitForTaskToken = mode === "waitForTaskToken";
  if (service === "lambda" && action === "invoke" && mode === undefined) {
    return { integration: "lambda", action, optimized: true, waitForTaskToken };
  }
  if (service === "dynamodb" && DYNAMODB_ACTIONS.has(action) && mode === undefined) {
    return { integration: "dynamodb", action, optimized: true, waitForTaskToken };
  }
  if (service === "events" && action === "putEvents" && mode === undefined) {
    return { integration: "events", action, optimized: true, waitForTaskToken };
  }
  if (service === "ecs" && action === "runTask" && waitForTaskToken) {
    return { integration: "ecs", action, optimized: true, waitForTaskToken };
  }
  throw new UnsupportedResource(
    `state ${name}: the local runtime cannot run resource ${resource}; it serves lambda:invoke and function ARNs, dynamodb:getItem/putItem/updateItem/deleteItem, events:putEvents and ecs:runTask.waitForTaskToken`,
  );
}

/** The Task states of a definition with how each is served locally, in definition order. */
export function taskStatesOf(definition: AslDefinition): TaskState[] {
  return allStates(definition)
    .filter(([, state]) => state.Type === "Task")
    .map(([name, state]) => {
      const resource = state.Resource ?? "";
      return {
        name,
        resource,
        ...classify(name, resource),
        retriedErrors: (state.Retry ?? []).flatMap((r) => r.ErrorEquals),
      };
    });
}
