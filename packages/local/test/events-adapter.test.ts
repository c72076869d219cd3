import { describe, expect, it } from "vitest";
import type { ExecutionScope } from "../src/runtime/adapter";
import { LocalEventLog } from "../src/runtime/event-log";
import { eventsAdapter } from "../src/runtime/events-adapter";

const SCOPE: ExecutionScope = {
  executionArn: "arn:aws:states:eu-central-1:000000000000:execution:orderflow-local:o-1",
  stateMachineArn: "arn:aws:states:eu-central-1:000000000000:stateMachine:orderflow-local",
  currentTaskToken: () => undefined,
};

describe("eventsAdapter", () => {
  it("appends the entries to the log and answers like PutEvents", async () => {
    // Prepare
    const log = new LocalEventLog();
    const adapter = eventsAdapter(log, "bus");
    const entry = { Source: "orderflow.orders", DetailType: "OrderCompleted", EventBusName: "bus" };

    // Act
    const result = await adapter(
      {
        Entries: [
          { ...entry, Detail: { orderId: "o-1" } },
          { ...entry, Detail: '{"orderId":"o-2"}' },
        ],
      },
      SCOPE,
    );

    // Assess
    expect(result).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }, {}] });
    expect(log.forOrder("o-1")).toMatchObject([
      {
        detailType: "OrderCompleted",
        detail: { orderId: "o-1" },
        resources: [SCOPE.executionArn, SCOPE.stateMachineArn],
      },
    ]);
    expect(log.forOrder("o-2")).toHaveLength(1);
  });

  it("fails without logging anything when an entry is incomplete or targets another bus", async () => {
    // Prepare
    const log = new LocalEventLog();
    const adapter = eventsAdapter(log, "bus");

    // Act
    const incomplete = adapter({ Entries: [{ Source: "s", Detail: {} }] }, SCOPE);
    const elsewhere = adapter(
      { Entries: [{ Source: "s", DetailType: "d", Detail: {}, EventBusName: "other" }] },
      SCOPE,
    );

    // Assess
    await expect(incomplete).rejects.toMatchObject({ name: "EventBridge.ValidationException" });
    await expect(elsewhere).rejects.toMatchObject({ name: "EventBridge.ResourceNotFoundException" });
    expect(log.all()).toHaveLength(0);
  });
});
