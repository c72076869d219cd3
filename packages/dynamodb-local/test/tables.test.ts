import { DescribeTableCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { TABLES, tableEnvVar } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { createTables } from "../src/tables";
import { useLocalTables } from "../src/vitest";

describe("tables on DynamoDB Local", () => {
  it("creates every table from its spec, with its key schema and indexes", async () => {
    const db = await useLocalTables();
    for (const spec of Object.values(TABLES)) {
      const { Table } = await db.client.send(
        new DescribeTableCommand({ TableName: db.names[spec.logicalName] }),
      );
      expect(Table?.KeySchema?.[0]).toEqual({ AttributeName: spec.partitionKey.name, KeyType: "HASH" });
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)).toEqual(
        spec.indexes.map((i) => i.name),
      );
      expect(process.env[tableEnvVar(spec.logicalName)]).toBe(db.names[spec.logicalName]);
    }
  });

  it("isolates two sets of tables from each other", async () => {
    const first = await useLocalTables(["inventory"]);
    const second = await useLocalTables(["inventory"]);
    await first.client.send(
      new PutItemCommand({ TableName: first.names.inventory, Item: { sku: { S: "SKU-1" } } }),
    );
    const seen = await second.client.send(
      new GetItemCommand({ TableName: second.names.inventory, Key: { sku: { S: "SKU-1" } } }),
    );
    expect(seen.Item).toBeUndefined();
  });

  it("keeps a table that exists already, items included, when asked to create it again", async () => {
    // Prepare
    const db = await useLocalTables(["inventory"]);
    const prefix = db.names.inventory.slice(0, -"inventory".length);
    await db.client.send(
      new PutItemCommand({ TableName: db.names.inventory, Item: { sku: { S: "SKU-KEPT" } } }),
    );

    // Act
    const again = await createTables(db.client, prefix, ["inventory"]);

    // Assess
    const { Item } = await db.client.send(
      new GetItemCommand({ TableName: again.inventory, Key: { sku: { S: "SKU-KEPT" } } }),
    );
    expect(Item?.sku).toEqual({ S: "SKU-KEPT" });
  });
});
