import { newOrderId } from "@orderflow/domain";
import { parseFixture, seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };

const db = await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");

describe("bench/fixture.json", () => {
  it("seeds a captured payment the handler refunds, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const { event, seed } = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);
    await seedFixture(documentClient(), db.names, seed);

    // Act
    const result = await handler(event);

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: seed.payments?.[0]?.amount });
  });
});
