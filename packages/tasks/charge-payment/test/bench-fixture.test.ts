import { newOrderId } from "@orderflow/domain";
import { parseFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };

await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");

describe("bench/fixture.json", () => {
  it("needs no seed and holds an event the handler charges, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const filled = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);

    // Act
    const charge = await handler(filled.event);

    // Assess
    expect(filled.seed).toEqual({});
    expect(charge).toMatchObject({ orderId, status: "CAPTURED" });
  });
});
