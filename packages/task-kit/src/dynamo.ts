import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * A DocumentClient created once per process. The endpoint comes from the standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, which is how local runs and tests reach DynamoDB Local.
 */
export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
