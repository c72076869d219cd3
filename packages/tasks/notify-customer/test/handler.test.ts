import { newOrderId, type TableName } from "@orderflow/domain";
import { parseFixture, seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { NotifyCustomerOutput } from "../src/contract";
import { task } from "../src/task";

// Exactly the manifest's tables, fresh on DynamoDB Local; the handler reads their names when it loads.
const db = await useLocalTables(Object.keys(task.tables) as TableName[]);
const { handler } = await import("../src/handler");

describe("notify-customer handler on DynamoDB Local", () => {
  it("answers the order id and the time it handled the order, as its output contract says", async () => {
    // Prepare
    const orderId = newOrderId();
    const before = Date.now();

    // Act
    const result = await handler({ orderId, executionId: "exec-1" });

    // Assess
    expect(v.is(NotifyCustomerOutput, result)).toBe(true);
    expect(result.orderId).toBe(orderId);
    expect(Date.parse(result.handledAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(result.handledAt)).toBeLessThanOrEqual(Date.now());
  });

  it("rejects an event without a valid order id with a ValidationError naming the field", async () => {
    // Act
    const attempt = handler({ orderId: "not an order id!" });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [{ path: "orderId", message: expect.any(String) }],
    });
  });

  it("answers the benchmark's fixture event once the fixture's seed is in place", async () => {
    // Prepare
    const orderId = newOrderId();
    const { event, seed } = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);
    await seedFixture(documentClient(), db.names, seed);

    // Act
    const result = await handler(event);

    // Assess
    expect(Object.keys(task.tables)).toEqual(expect.arrayContaining(Object.keys(seed)));
    expect(result.orderId).toBe(orderId);
  });
});
