import { type NamedResource, parseArn, parseFunctionArn } from "./arn";

/** Resource ARNs of the optimized service integrations the builder emits. */
export const RESOURCES = {
  lambdaInvoke: "arn:aws:states:::lambda:invoke",
  dynamoGetItem: "arn:aws:states:::dynamodb:getItem",
  dynamoUpdateItem: "arn:aws:states:::dynamodb:updateItem",
  putEvents: "arn:aws:states:::events:putEvents",
  ecsRunTaskWithToken: "arn:aws:states:::ecs:runTask.waitForTaskToken",
} as const;

/** How a service integration waits: answer at once, until the job ends, or until a worker reports back. */
export type IntegrationPattern = "request-response" | "sync" | "waitForTaskToken";

/** What a Task's `Resource` names. */
export type TaskResource =
  /** `arn:aws:states:::<service>:<action>[.sync|.waitForTaskToken]`, e.g. `lambda:invoke`, `dynamodb:updateItem`. */
  | {
      readonly kind: "integration";
      readonly service: string;
      readonly action: string;
      readonly pattern: IntegrationPattern;
    }
  /** A Lambda function ARN used directly as the resource (the legacy Lambda integration). */
  | { readonly kind: "function"; readonly function: NamedResource }
  /** Anything else (an activity, a typo): no rule or runtime here knows what it does. */
  | { readonly kind: "other" };

const INTEGRATION = /^([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync|waitForTaskToken))?$/;

/** Parses a Task's `Resource`: the one place the repository reads resource ARNs. */
export function parseResource(resource: string): TaskResource {
  const fn = parseFunctionArn(resource);
  if (fn) return { kind: "function", function: fn };
  const arn = parseArn(resource);
  const match = arn?.service === "states" && arn.region === "" ? INTEGRATION.exec(arn.resource) : null;
  if (!match) return { kind: "other" };
  const [, service = "", action = "", pattern] = match;
  return {
    kind: "integration",
    service,
    action,
    pattern: pattern === undefined ? "request-response" : (pattern as IntegrationPattern),
  };
}

export type Integration = "lambda" | "dynamodb-read" | "dynamodb-write" | "eventbridge" | "ecs" | "other";

const DYNAMODB_READS = new Set(["getItem", "query", "scan", "batchGetItem"]);

/** What a Task's `Resource` talks to; the rules pick the transient errors and checks from it. */
export function integrationOf(resource: string): Integration {
  const parsed = parseResource(resource);
  if (parsed.kind === "function") return "lambda";
  if (parsed.kind === "other") return "other";
  switch (parsed.service) {
    case "lambda":
      return parsed.action === "invoke" ? "lambda" : "other";
    case "dynamodb":
      return DYNAMODB_READS.has(parsed.action) ? "dynamodb-read" : "dynamodb-write";
    case "events":
      return parsed.action === "putEvents" ? "eventbridge" : "other";
    case "ecs":
      return parsed.action === "runTask" ? "ecs" : "other";
    default:
      return "other";
  }
}

/** True for `.waitForTaskToken` resources: the task ends when someone reports back with the token. */
export function waitsForTaskToken(resource: string): boolean {
  const parsed = parseResource(resource);
  return parsed.kind === "integration" && parsed.pattern === "waitForTaskToken";
}
