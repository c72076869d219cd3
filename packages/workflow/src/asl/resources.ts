/** Resource ARNs of the optimized service integrations the builder emits. */
export const RESOURCES = {
  lambdaInvoke: "arn:aws:states:::lambda:invoke",
  dynamoGetItem: "arn:aws:states:::dynamodb:getItem",
  dynamoPutItem: "arn:aws:states:::dynamodb:putItem",
  dynamoUpdateItem: "arn:aws:states:::dynamodb:updateItem",
  dynamoDeleteItem: "arn:aws:states:::dynamodb:deleteItem",
  putEvents: "arn:aws:states:::events:putEvents",
  ecsRunTaskWithToken: "arn:aws:states:::ecs:runTask.waitForTaskToken",
} as const;

export type Integration = "lambda" | "dynamodb-read" | "dynamodb-write" | "eventbridge" | "ecs" | "other";

const DIRECT_LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:/;

/** What a Task's `Resource` talks to; the rules pick the transient errors and checks from it. */
export function integrationOf(resource: string): Integration {
  if (resource.startsWith("arn:aws:states:::lambda:invoke") || DIRECT_LAMBDA_ARN.test(resource)) {
    return "lambda";
  }
  if (resource === RESOURCES.dynamoGetItem) return "dynamodb-read";
  if (resource.startsWith("arn:aws:states:::dynamodb:")) return "dynamodb-write";
  if (resource.startsWith("arn:aws:states:::events:putEvents")) return "eventbridge";
  if (resource.startsWith("arn:aws:states:::ecs:runTask")) return "ecs";
  return "other";
}

/** True for `.waitForTaskToken` resources: the task ends when someone reports back with the token. */
export function waitsForTaskToken(resource: string): boolean {
  return resource.endsWith(".waitForTaskToken");
}
