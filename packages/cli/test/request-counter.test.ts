import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { LOCAL_AWS_ENV } from "@orderflow/dynamodb-local";
import { afterAll, describe, expect, inject, it } from "vitest";
import { countRequestsTo } from "../bench/request-counter";

const endpoint = inject("dynamoDbLocalEndpoint");
const clientFor = (url: string) =>
  new DynamoDBClient({
    endpoint: url,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
const client = clientFor(endpoint);
afterAll(() => client.destroy());

describe("countRequestsTo", () => {
  it("counts every request sent to the endpoint, by operation", async () => {
    // Prepare
    const counter = countRequestsTo(endpoint);
    // Act
    await client.send(new ListTablesCommand({}));
    await client.send(new ListTablesCommand({}));
    counter.stop();
    // Assess
    expect(counter.total()).toBe(2);
    expect([...counter.byOperation()].map(([operation, tally]) => [operation, tally.requests])).toEqual([
      ["DynamoDB_20120810.ListTables", 2],
    ]);
  });

  it("times each request on the wire within the time the call took", async () => {
    // Prepare
    const counter = countRequestsTo(endpoint);
    // Act
    const began = performance.now();
    await client.send(new ListTablesCommand({}));
    const callMs = performance.now() - began;
    counter.stop();
    // Assess
    expect(counter.wireMs()).toBeGreaterThan(0);
    expect(counter.wireMs()).toBeLessThanOrEqual(callMs);
    expect(counter.byOperation().get("DynamoDB_20120810.ListTables")?.wireMs).toBe(counter.wireMs());
  });

  it("leaves out requests to other endpoints and those sent after stop", async () => {
    // Prepare
    const counter = countRequestsTo("http://127.0.0.1:1");
    const mine = countRequestsTo(endpoint);
    // Act
    await client.send(new ListTablesCommand({}));
    mine.stop();
    await client.send(new ListTablesCommand({}));
    counter.stop();
    // Assess
    expect(counter.total()).toBe(0);
    expect(mine.total()).toBe(1);
  });

  it("starts again from zero after reset", async () => {
    // Prepare
    const counter = countRequestsTo(endpoint);
    await client.send(new ListTablesCommand({}));
    // Act
    counter.reset();
    await client.send(new ListTablesCommand({}));
    counter.stop();
    // Assess
    expect(counter.total()).toBe(1);
  });
});
