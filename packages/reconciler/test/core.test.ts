import { describe, expect, it, vi } from "vitest";
import { reconcile } from "../src/core";
import type { ExecutionState, Executions, PendingOrder, ReconcilerOrders } from "../src/ports";

const NOW = new Date("2030-05-01T12:00:00.000Z");
const write = {
  TableName: "orders",
  Key: { orderId: { S: "ord_1" } },
  UpdateExpression: "SET #status = :status",
};

function ports(pending: PendingOrder[], executions: Record<string, ExecutionState>, recorded = true) {
  const orders = {
    pendingBefore: vi.fn<ReconcilerOrders["pendingBefore"]>(async () => pending),
    replay: vi.fn<ReconcilerOrders["replay"]>(async () => recorded),
    settle: vi.fn<ReconcilerOrders["settle"]>(async () => recorded),
  };
  const of: Executions["of"] = async (orderId) => executions[orderId] ?? { status: "NONE" };
  return { orders, executions: { of }, now: () => NOW };
}

const order = (orderId: string) => ({ orderId, createdAt: "2030-05-01T11:00:00.000Z" });

describe("reconcile", () => {
  it("looks only at orders PENDING for longer than the age, oldest first, within the limit", async () => {
    // Prepare
    const deps = ports([], {});

    // Act
    await reconcile({ olderThanMinutes: 15, limit: 7 }, deps);

    // Assess
    expect(deps.orders.pendingBefore).toHaveBeenCalledExactlyOnceWith("2030-05-01T11:45:00.000Z", 7);
  });

  it("makes the status write of an execution that ended without recording it again, as it was", async () => {
    // Prepare
    const deps = ports([order("ord_1")], {
      ord_1: { status: "FAILED", error: "RecordingFailed", lastStatusWrite: write },
    });

    // Act
    const report = await reconcile({ olderThanMinutes: 15 }, deps);

    // Assess
    expect(deps.orders.replay).toHaveBeenCalledExactlyOnceWith(write);
    expect(deps.orders.settle).not.toHaveBeenCalled();
    expect(report).toEqual({ looked: 1, outcomes: { ord_1: "replayed" } });
  });

  it.each<[string, ExecutionState, object]>([
    [
      "an execution that ended without a status write",
      { status: "TIMED_OUT", error: "States.Timeout", cause: "too slow" },
      {
        status: "NEEDS_ATTENTION",
        error: "States.Timeout",
        cause: expect.stringMatching(/ended TIMED_OUT .*too slow/),
      },
    ],
    [
      "an order whose execution never started",
      { status: "NONE" },
      {
        status: "FAILED",
        error: "NotStarted",
        cause: expect.stringMatching(/never started.*nothing was reserved or charged/),
      },
    ],
  ])("settles %s", async (_, execution, settlement) => {
    // Prepare
    const deps = ports([order("ord_2")], { ord_2: execution });

    // Act
    const report = await reconcile({ olderThanMinutes: 15 }, deps);

    // Assess
    expect(deps.orders.settle).toHaveBeenCalledExactlyOnceWith("ord_2", settlement, NOW.toISOString());
    expect(report.outcomes).toEqual({ ord_2: "settled" });
  });

  it("leaves a running execution alone and reports an order someone else recorded first", async () => {
    // Prepare
    const deps = ports(
      [order("ord_run"), order("ord_raced")],
      {
        ord_run: { status: "RUNNING" },
        ord_raced: { status: "SUCCEEDED", lastStatusWrite: write },
      },
      false,
    );

    // Act
    const report = await reconcile({ olderThanMinutes: 15 }, deps);

    // Assess
    expect(report.outcomes).toEqual({ ord_run: "running", ord_raced: "already-recorded" });
    expect(deps.orders.replay).toHaveBeenCalledTimes(1);
  });
});
