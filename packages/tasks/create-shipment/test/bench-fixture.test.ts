import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { newOrderId, type TableName } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { task } from "../src/task";

const db = await useLocalTables(Object.keys(task.tables) as TableName[]);
const { handler } = await import("../src/handler");

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const PLACEHOLDER = "${ORDER_ID}";

describe("bench/fixture.json", () => {
  it("seeds what the handler needs to ship its event, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const filled = JSON.parse(JSON.stringify(fixture).replaceAll(PLACEHOLDER, orderId)) as typeof fixture;
    const documents = DynamoDBDocumentClient.from(db.client);
    for (const [table, items] of Object.entries(filled.seed)) {
      const tableName = db.names[table as TableName];
      const puts = items.map((item) => ({ PutRequest: { Item: item } }));
      await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: puts } }));
    }

    // Act
    const shipment = await handler(filled.event);

    // Assess
    expect(shipment).toMatchObject({ orderId, status: "CREATED" });
  });
});
