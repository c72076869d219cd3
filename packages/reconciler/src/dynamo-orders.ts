import { type DynamoDBClient, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { EVENT_OF_STATUS } from "@orderflow/domain";
import { writeIf } from "@orderflow/task-kit";
import type { ReconcilerOrders } from "./ports";

const isConditionFailure = (error: unknown) => (error as Error).name === "ConditionalCheckFailedException";

/**
 * The orders table as the reconciler needs it: the `byStatus` index for the PENDING orders, and writes
 * that only ever move a PENDING order (a replayed status write keeps its own condition).
 */
export function dynamoReconcilerOrders(
  client: DynamoDBClient,
  documents: DynamoDBDocumentClient,
  tableName: string,
): ReconcilerOrders {
  return {
    async pendingBefore(before, limit) {
      const { Items = [] } = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "byStatus",
          KeyConditionExpression: "#status = :pending AND createdAt < :before",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":pending": "PENDING", ":before": before },
          Limit: limit,
        }),
      );
      return Items.map((item) => ({ orderId: String(item.orderId), createdAt: String(item.createdAt) }));
    },
    async replay(request) {
      try {
        // The request is the state's own DynamoDB JSON; only the table is pinned to ours.
        const input = { ...request, TableName: tableName } as ConstructorParameters<
          typeof UpdateItemCommand
        >[0];
        await client.send(new UpdateItemCommand(input));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    settle: (orderId, { status, error, cause }, at) =>
      writeIf(
        documents,
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          UpdateExpression:
            "SET #status = :status, eventType = :eventType, #error = :error, #cause = :cause, incomplete = :incomplete, updatedAt = :at",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status", "#error": "error", "#cause": "cause" },
          ExpressionAttributeValues: {
            ":status": status,
            ":eventType": EVENT_OF_STATUS[status],
            ":error": error,
            ":cause": cause,
            // What a person settles: the whole execution, whose outcome the reconciler could not read.
            ":incomplete": JSON.stringify({ Execution: { Error: error, Cause: cause } }),
            ":pending": "PENDING",
            ":at": at,
          },
        }),
      ),
  };
}
