import { newOrderId } from "@orderflow/domain";
import { parseFixture, seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { task } from "../src/task";

const db = await useLocalTables(["inventory", "reservations"]);
const { handler } = await import("../src/handler");

describe("bench/fixture.json", () => {
  it("seeds only tables the task declares", () => {
    // Act
    const seeded = Object.keys(fixture.seed);

    // Assess
    expect(Object.keys(task.tables)).toEqual(expect.arrayContaining(seeded));
  });

  it("holds an event the handler accepts once its seed is in place and the order id is filled in", async () => {
    // Prepare
    const orderId = newOrderId();
    const { event, seed } = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);
    await seedFixture(documentClient(), db.names, seed);

    // Act
    const output = await handler(event);

    // Assess
    expect(output).toMatchObject({ orderId, outcome: "RELEASED" });
  });
});
