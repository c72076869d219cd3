import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { StateAdapter } from "./adapter";
import { overTheWire } from "./adapter";
import type { TaskState } from "./integrations";
import { TaskFailure } from "./task-failure";

type Send = (parameters: never) => Promise<{ $metadata: { httpStatusCode?: number; requestId?: string } }>;

function commandFor(client: DynamoDBClient, action: string): Send {
  switch (action) {
    case "getItem":
      return (p) => client.send(new GetItemCommand(p));
    case "putItem":
      return (p) => client.send(new PutItemCommand(p));
    case "updateItem":
      return (p) => client.send(new UpdateItemCommand(p));
    case "deleteItem":
      return (p) => client.send(new DeleteItemCommand(p));
    default:
      throw new Error(`dynamodb:${action} is not emulated locally`);
  }
}

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * The Step Functions view of a DynamoDB failure: `DynamoDB.<ExceptionName>` with the service message as
 * Cause (what `Catch: ["DynamoDB.ConditionalCheckFailedException"]` matches). Failures that never reached
 * the service (connection refused) are the SDK client's.
 */
export function dynamoDbFailure(error: unknown): TaskFailure {
  const { name, message, $metadata } = (error ?? {}) as SdkError;
  if (!$metadata?.httpStatusCode) {
    return new TaskFailure("DynamoDB.SdkClientException", message ?? String(error));
  }
  return new TaskFailure(
    `DynamoDB.${name ?? "AmazonDynamoDBException"}`,
    `${message} (Service: DynamoDb, Status Code: ${$metadata.httpStatusCode}, Request ID: ${$metadata.requestId ?? "local"})`,
  );
}

/**
 * One adapter for every `arn:aws:states:::dynamodb:*` state: it sends the state's own resolved
 * Parameters (low-level AttributeValue JSON, exactly what AWS sends) to DynamoDB Local and answers with
 * the API response plus the SDK metadata fields Step Functions adds.
 */
export function dynamoDbAdapter(state: TaskState, client: DynamoDBClient): StateAdapter {
  const send = commandFor(client, state.action);
  return async (parameters) => {
    let response: Awaited<ReturnType<Send>>;
    try {
      response = await send(parameters as never);
    } catch (error) {
      throw dynamoDbFailure(error);
    }
    const { $metadata, ...body } = response;
    return {
      ...(overTheWire(body) as object),
      SdkHttpMetadata: { HttpStatusCode: $metadata.httpStatusCode ?? 200 },
      SdkResponseMetadata: { RequestId: $metadata.requestId ?? "local" },
    };
  };
}
