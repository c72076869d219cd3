import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import type { ExecutionScope } from "../src/runtime/adapter";
import { dynamoDbAdapter } from "../src/runtime/dynamodb-adapter";
import type { TaskState } from "../src/runtime/integrations";

const db = await useLocalTables(["orders"]);
const SCOPE: ExecutionScope = { executionArn: "e", stateMachineArn: "s", currentTaskToken: () => undefined };

function state(action: string): TaskState {
  return {
    name: `Dynamo-${action}`,
    resource: `arn:aws:states:::dynamodb:${action}`,
    integration: "dynamodb",
    action,
    optimized: true,
    waitForTaskToken: false,
    retriedErrors: [],
  };
}

describe("dynamoDbAdapter", () => {
  it("executes the state's Parameters on DynamoDB Local and answers with the API response", async () => {
    // Prepare
    const put = dynamoDbAdapter(state("putItem"), db.client);
    const update = dynamoDbAdapter(state("updateItem"), db.client);
    const get = dynamoDbAdapter(state("getItem"), db.client);
    const Key = { orderId: { S: "o-1" } };

    // Act
    await put({ TableName: db.names.orders, Item: { ...Key, status: { S: "PENDING" } } }, SCOPE);
    const updated = await update(
      {
        TableName: db.names.orders,
        Key,
        UpdateExpression: "SET #s = :s",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": { S: "COMPLETED" } },
        ReturnValues: "ALL_NEW",
      },
      SCOPE,
    );
    const read = await get({ TableName: db.names.orders, Key }, SCOPE);

    // Assess
    expect(updated).toMatchObject({
      Attributes: { status: { S: "COMPLETED" } },
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
    expect(read).toMatchObject({ Item: { orderId: { S: "o-1" }, status: { S: "COMPLETED" } } });
  });

  it("names a failed condition DynamoDB.ConditionalCheckFailedException, as Step Functions does", async () => {
    // Prepare
    const update = dynamoDbAdapter(state("updateItem"), db.client);

    // Act
    const run = update(
      {
        TableName: db.names.orders,
        Key: { orderId: { S: "missing" } },
        UpdateExpression: "SET #s = :s",
        ConditionExpression: "attribute_exists(orderId)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": { S: "FAILED" } },
      },
      SCOPE,
    );

    // Assess
    await expect(run).rejects.toMatchObject({ name: "DynamoDB.ConditionalCheckFailedException" });
  });

  it("names a malformed request DynamoDB.ValidationException", async () => {
    // Prepare
    const get = dynamoDbAdapter(state("getItem"), db.client);

    // Act
    const run = get({ TableName: db.names.orders, Key: { wrongKey: { S: "x" } } }, SCOPE);

    // Assess
    await expect(run).rejects.toMatchObject({ name: "DynamoDB.ValidationException" });
  });
});
