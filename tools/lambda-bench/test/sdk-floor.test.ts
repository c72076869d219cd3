import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { defineFunction } from "@orderflow/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchEnvironment, benchPackage } from "../src/bench-package";
import type { LambdaPackage } from "../src/discover";

const RUNS = 2;
const WARMUP = 1;
// Inside this package, so that the probe bundle resolves @aws-sdk/* from its node_modules like a real one.
const probeDir = fileURLToPath(new URL(`../bench/probe-${process.pid}.tmp`, import.meta.url));

/** A DynamoDB stand-in that answers every request `{}` and counts the operations it was asked for. */
let server: Server;
let endpoint: string;
const operations: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    operations.push(String(req.headers["x-amz-target"]).split(".").pop() ?? "");
    req.resume().on("end", () => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(probeDir, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

function probe(): LambdaPackage {
  mkdirSync(join(probeDir, "dist"), { recursive: true });
  const bundle = join(probeDir, "dist", "handler.mjs");
  writeFileSync(
    bundle,
    `import{DynamoDBClient as D,GetItemCommand as G,ListTablesCommand as L}from"@aws-sdk/client-dynamodb";
const c=new D({});const key={TableName:"t",Key:{pk:{S:"a"}}};
export const handler=async()=>{await c.send(new G(key));await c.send(new G(key));await c.send(new L({}));return{statusCode:200}};`,
  );
  return {
    name: "@o/probe",
    dir: probeDir,
    path: "packages/probe",
    bundle,
    fixture: { event: {}, seed: {} },
    manifest: defineFunction({
      name: "probe",
      description: "",
      memoryMb: 128,
      timeoutSeconds: 3,
      tables: {},
      env: {},
    }),
  };
}

describe("the SDK floor", () => {
  it("makes one call of each kind the handler made, recorded from the handler's own run", async () => {
    // Prepare
    const bench: BenchEnvironment = {
      dynamoDbEndpoint: endpoint,
      sfnEndpoint: endpoint,
      sesEndpoint: endpoint,
      tableNames: {
        orders: "o",
        inventory: "i",
        reservations: "r",
        payments: "p",
        shipments: "s",
        gateway: "g",
      },
      documents: { send: async () => ({}) } as unknown as DynamoDBDocumentClient,
      runs: RUNS,
      warmup: WARMUP,
      progress: () => {},
    };

    // Act
    const result = await benchPackage(probe(), bench);

    // Assess: the recording run and every handler run make 2 GetItem + 1 ListTables, every floor run 1 + 1
    expect(result.floorCalls).toEqual([
      { client: "DynamoDBClient", command: "GetItemCommand" },
      { client: "DynamoDBClient", command: "ListTablesCommand" },
    ]);
    const handlerRuns = 1 + WARMUP + RUNS;
    const floorRuns = WARMUP + RUNS;
    expect(operations.filter((o) => o === "GetItem")).toHaveLength(2 * handlerRuns + floorRuns);
    expect(operations.filter((o) => o === "ListTables")).toHaveLength(handlerRuns + floorRuns);
    expect(result.coldStartMs.sdkFloor.samples).toHaveLength(RUNS);
  });
});
