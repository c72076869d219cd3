import { newOrderId, type TableName } from "@orderflow/domain";
import { parseFixture, seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { task } from "../src/task";

const db = await useLocalTables(Object.keys(task.tables) as TableName[]);
const { handler } = await import("../src/handler");

describe("bench/fixture.json", () => {
  it("seeds what the handler needs to ship its event, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const { event, seed } = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);
    await seedFixture(documentClient(), db.names, seed);

    // Act
    const shipment = await handler(event);

    // Assess
    expect(shipment).toMatchObject({ orderId, status: "CREATED" });
  });
});
