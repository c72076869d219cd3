import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { EVENT_SOURCE } from "@orderflow/domain";
import type { Context, DynamoDBRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.stubEnv("EVENT_BUS_NAME", "orderflow-dev-orders");
vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
const events = mockClient(EventBridgeClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  events.restore();
});
const { handler } = await import("../src/handler");

const context = {} as Context;
const failedRecord = (sequence: string, orderId: string): DynamoDBRecord => ({
  eventName: "MODIFY",
  dynamodb: {
    SequenceNumber: sequence,
    OldImage: { orderId: { S: orderId }, status: { S: "PENDING" } },
    NewImage: {
      orderId: { S: orderId },
      status: { S: "FAILED" },
      eventType: { S: "OrderFailed" },
      error: { S: "PaymentDeclined" },
      cause: { S: "declined" },
    },
  },
});
const pendingPut: DynamoDBRecord = {
  eventName: "INSERT",
  dynamodb: { SequenceNumber: "100", NewImage: { orderId: { S: "ord_new" }, status: { S: "PENDING" } } },
};

beforeEach(() => events.reset());

describe("outbox handler", () => {
  it("puts one event per announcing record on the configured bus and nothing for other changes", async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });

    const answer = await handler({ Records: [pendingPut, failedRecord("200", "ord_1")] }, context);

    expect(answer).toEqual({ batchItemFailures: [] });
    expect(events.commandCalls(PutEventsCommand).map((call) => call.args[0].input)).toEqual([
      {
        Entries: [
          {
            EventBusName: "orderflow-dev-orders",
            Source: EVENT_SOURCE,
            DetailType: "OrderFailed",
            Detail: JSON.stringify({ orderId: "ord_1", error: "PaymentDeclined", cause: "declined" }),
          },
        ],
      },
    ]);
  });

  it("reports a record whose event EventBridge refused, so Lambda retries from it", async () => {
    events
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] })
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: "ThrottlingException", ErrorMessage: "slow down" }],
      });

    const answer = await handler(
      { Records: [failedRecord("300", "ord_a"), failedRecord("301", "ord_b")] },
      context,
    );

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: "301" }] });
  });

  it("reports a record whose status write left the event incomplete rather than publish it", async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] });
    const broken = failedRecord("400", "ord_broken");
    delete broken.dynamodb?.NewImage?.cause;

    const answer = await handler({ Records: [failedRecord("399", "ord_fine"), broken] }, context);

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: "400" }] });
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it("fails the invocation when every record failed, so Lambda retries the whole batch", async () => {
    events.on(PutEventsCommand).rejects(new Error("EventBridge is down"));

    await expect(handler({ Records: [failedRecord("500", "ord_x")] }, context)).rejects.toThrow(
      "All records failed processing",
    );
  });
});
