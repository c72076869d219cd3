import { streamOperationsSentBy } from "@orderflow/dynamodb-local/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEventLog } from "../src/runtime/event-log";
import { OutboxPipe } from "../src/runtime/outbox-pipe";
import type { LocalRuntime } from "../src/runtime/runtime";
import { orderFor, startTestRuntime } from "./support";

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime.stop());

/** A pipe of the test's own on the runtime's orders table, publishing onto its own log. */
function ownPipe(): { log: LocalEventLog; pipe: OutboxPipe } {
  const log = new LocalEventLog();
  const pipe = new OutboxPipe(runtime.clients.dynamodb, {
    endpoint: runtime.endpoint,
    tableName: runtime.tables.orders,
    busName: "test-bus",
    log,
  });
  return { log, pipe };
}

describe("OutboxPipe", () => {
  it("publishes each change once when drains are asked for together, reading the stream once for all", async () => {
    // Prepare: a pipe of its own on the runtime's orders table, whose executions end with an event each
    const { log, pipe } = ownPipe();
    const orders = [orderFor("SKU-A"), orderFor("SKU-B"), orderFor("SKU-C")];
    for (const order of orders) await runtime.start(order);
    // Act
    const calls = await streamOperationsSentBy(() => Promise.all([pipe.drain(), pipe.drain(), pipe.drain()]));
    // Assess
    for (const order of orders) expect(log.forOrder(order.orderId)).toHaveLength(1);
    expect(calls.filter((c) => c === "DescribeStream")).toHaveLength(1);
    // One pass: one page holds the changes, and being short it shows the shard has no more (three passes
    // would need three).
    expect(calls.filter((c) => c === "GetRecords")).toHaveLength(1);
    pipe.stop();
  });

  it("reads the shard list once, not on every drain, while its shard stays open", async () => {
    // Prepare
    const { log, pipe } = ownPipe();
    await pipe.drain();
    const order = orderFor("SKU-D");
    await runtime.start(order);
    // Act
    const calls = await streamOperationsSentBy(() => pipe.drain());
    // Assess
    expect(log.forOrder(order.orderId)).toHaveLength(1);
    expect(calls).not.toContain("DescribeStream");
    expect(calls).toContain("GetRecords");
    pipe.stop();
  });
});
