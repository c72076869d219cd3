import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/commands/command";
import { reconcileCommand } from "../src/commands/reconcile";
import { main } from "../src/main";

const MACHINE = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-dev-orders";
const db = await useLocalTables(["orders"]);
const documents = DynamoDBDocumentClient.from(db.client);
const sfn = mockClient(SFNClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
});
const clients = () => ({
  dynamodb: new DynamoDBClient({ endpoint: db.endpoint }),
  sfn: new SFNClient({ region: "eu-central-1" }),
});

async function orderflow(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const command = reconcileCommand(clients);
  const code = await main(argv, io, {}, [command]);
  return { code, stdout, stderr };
}

describe("orderflow reconcile", () => {
  it("replays the status write of an execution that ended without recording it, and settles one never started", async () => {
    // Prepare: two old PENDING orders; one execution ended after its MarkFailed gave up, the other never began
    for (const orderId of ["ord_ended", "ord_lost"]) {
      await documents.send(
        new PutCommand({
          TableName: db.names.orders,
          Item: { orderId, status: "PENDING", createdAt: "2020-01-01T00:00:00.000Z" },
        }),
      );
    }
    const write = {
      TableName: "orderflow-dev-orders",
      Key: { orderId: { S: "ord_ended" } },
      UpdateExpression: "SET #status = :status, #eventType = :eventType",
      ConditionExpression: "attribute_not_exists(#orderId) OR #status IN (:pending, :status)",
      ExpressionAttributeNames: { "#orderId": "orderId", "#status": "status", "#eventType": "eventType" },
      ExpressionAttributeValues: {
        ":status": { S: "FAILED" },
        ":eventType": { S: "OrderFailed" },
        ":pending": { S: "PENDING" },
      },
    };
    sfn.reset();
    sfn
      .on(DescribeExecutionCommand, {
        executionArn: `${MACHINE.replace(":stateMachine:", ":execution:")}:ord_ended`,
      })
      .resolves({ status: "FAILED", error: "RecordingFailed" });
    sfn
      .on(DescribeExecutionCommand, {
        executionArn: `${MACHINE.replace(":stateMachine:", ":execution:")}:ord_lost`,
      })
      .rejects(new ExecutionDoesNotExist({ message: "none", $metadata: {} }));
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          type: "TaskScheduled",
          id: 7,
          timestamp: new Date(),
          taskScheduledEventDetails: {
            resourceType: "dynamodb",
            resource: "updateItem",
            region: "eu-central-1",
            parameters: JSON.stringify(write),
          },
        },
      ],
    });

    // Act
    const run = await orderflow(
      "reconcile",
      "--table",
      db.names.orders,
      "--state-machine-arn",
      MACHINE,
      "--older-than",
      "5",
    );

    // Assess
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(
      /looked at 2 PENDING order\(s\)\n {2}ord_ended: replayed\n {2}ord_lost: settled/,
    );
    const item = async (orderId: string) =>
      (await documents.send(new GetCommand({ TableName: db.names.orders, Key: { orderId } }))).Item;
    expect(await item("ord_ended")).toMatchObject({ status: "FAILED", eventType: "OrderFailed" });
    expect(await item("ord_lost")).toMatchObject({
      status: "FAILED",
      error: "NotStarted",
      eventType: "OrderFailed",
    });
  });

  it.each([
    [["--table", "t"], /--table and --state-machine-arn \(a state machine's ARN\) are required/],
    [
      ["--table", "t", "--state-machine-arn", "arn:aws:lambda:eu-central-1:123456789012:function:f"],
      /a state machine's ARN/,
    ],
    [
      ["--table", "t", "--state-machine-arn", MACHINE, "--older-than", "soon"],
      /--older-than must be a whole number/,
    ],
  ])("refuses %j in one line with exit 2", async (args, message) => {
    // Act
    const run = await orderflow("reconcile", ...args);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
