import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId, type TableName } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { task } from "../src/task";

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const ORDER_ID_PLACEHOLDER = "${ORDER_ID}";

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
    const { event, seed } = JSON.parse(JSON.stringify(fixture).replaceAll(ORDER_ID_PLACEHOLDER, orderId)) as {
      event: unknown;
      seed: Record<TableName, Record<string, unknown>[]>;
    };
    const client = documentClient();
    for (const [table, items] of Object.entries(seed) as [TableName, Record<string, unknown>[]][]) {
      for (const Item of items) await client.send(new PutCommand({ TableName: db.names[table], Item }));
    }

    // Act
    const output = await handler(event);

    // Assess
    expect(output).toMatchObject({ orderId, outcome: "RELEASED" });
  });
});
