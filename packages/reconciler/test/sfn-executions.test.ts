import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sfnExecutions } from "../src/sfn-executions";

const MACHINE = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-dev-orders";
const EXECUTION = "arn:aws:states:eu-central-1:123456789012:execution:orderflow-dev-orders:ord_1";
const sfn = mockClient(SFNClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
});
const executions = sfnExecutions(new SFNClient({ region: "eu-central-1" }), MACHINE);
const write = { Key: { orderId: { S: "ord_1" } }, UpdateExpression: "SET #status = :status" };

beforeEach(() => sfn.reset());

describe("sfnExecutions", () => {
  it("answers NONE for an order without an execution", async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: "no", $metadata: {} }));

    // Act / Assess
    expect(await executions.of("ord_1")).toEqual({ status: "NONE" });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]?.args[0].input).toEqual({ executionArn: EXECUTION });
  });

  it("answers RUNNING without reading the history", async () => {
    // Prepare
    sfn.on(DescribeExecutionCommand).resolves({ status: "RUNNING" });

    // Act / Assess
    expect(await executions.of("ord_1")).toEqual({ status: "RUNNING" });
    expect(sfn.commandCalls(GetExecutionHistoryCommand)).toEqual([]);
  });

  it("finds the last status write of an ended execution, newest first, across pages", async () => {
    // Prepare: the newest page has no DynamoDB write; the next one has two, the newer one counts
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: "FAILED", error: "RecordingFailed", cause: "throttled" });
    sfn
      .on(GetExecutionHistoryCommand, {
        executionArn: EXECUTION,
        reverseOrder: true,
        maxResults: 100,
        nextToken: undefined,
      })
      .resolves({ events: [{ type: "FailStateEntered", id: 9, timestamp: new Date() }], nextToken: "page-2" })
      .on(GetExecutionHistoryCommand, { nextToken: "page-2" })
      .resolves({
        events: [
          scheduled("dynamodb", "updateItem", write),
          scheduled("lambda", "invoke", { FunctionName: "x" }),
          scheduled("dynamodb", "updateItem", { older: true }),
        ],
      });

    // Act
    const state = await executions.of("ord_1");

    // Assess
    expect(state).toEqual({
      status: "FAILED",
      error: "RecordingFailed",
      cause: "throttled",
      lastStatusWrite: write,
    });
  });

  it("refuses a STATE_MACHINE_ARN that is not a state machine's", () => {
    expect(() =>
      sfnExecutions(new SFNClient({}), "arn:aws:lambda:eu-central-1:123456789012:function:f"),
    ).toThrow(/is not a state machine ARN/);
  });
});

function scheduled(resourceType: string, resource: string, parameters: object) {
  return {
    type: "TaskScheduled" as const,
    id: 1,
    timestamp: new Date(),
    taskScheduledEventDetails: {
      resourceType,
      resource,
      region: "eu-central-1",
      parameters: JSON.stringify(parameters),
    },
  };
}
