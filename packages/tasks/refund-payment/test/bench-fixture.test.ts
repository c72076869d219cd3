import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };

const db = await useLocalTables(["payments"]);
const { handler } = await import("../src/handler");

// biome-ignore lint/suspicious/noTemplateCurlyInString: the benchmark's literal placeholder, not a template
const PLACEHOLDER = "${ORDER_ID}";

describe("bench/fixture.json", () => {
  it("seeds a captured payment the handler refunds, the way the benchmark runs it", async () => {
    // Prepare
    const orderId = newOrderId();
    const filled = JSON.parse(JSON.stringify(fixture).replaceAll(PLACEHOLDER, orderId)) as typeof fixture;
    const documents = DynamoDBDocumentClient.from(db.client);
    for (const item of filled.seed.payments) {
      await documents.send(new PutCommand({ TableName: db.names.payments, Item: item }));
    }

    // Act
    const result = await handler(filled.event);

    // Assess
    expect(result).toEqual({ orderId, outcome: "REFUNDED", amount: filled.seed.payments[0]?.amount });
  });
});
