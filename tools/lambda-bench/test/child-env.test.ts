import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { defineFunction } from "@orderflow/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type BenchEnvironment, childEnv } from "../src/bench-package";
import type { LambdaPackage } from "../src/discover";

const bench: BenchEnvironment = {
  dynamoDbEndpoint: "http://127.0.0.1:8000",
  sfnEndpoint: "http://127.0.0.1:9000",
  sesEndpoint: "http://127.0.0.1:9000",
  tableNames: {
    orders: "b-orders",
    inventory: "b-inventory",
    reservations: "b-res",
    payments: "b-pay",
    shipments: "b-ship",
    gateway: "b-gateway",
  },
  documents: {} as DynamoDBDocumentClient,
  runs: 20,
  warmup: 0,
  progress: () => {},
};

function lambda(env: Record<string, { description: string; default?: string }>): LambdaPackage {
  return {
    name: "@o/x",
    dir: "/w/packages/x",
    path: "packages/x",
    bundle: "/w/packages/x/dist/handler.mjs",
    fixture: { event: {}, seed: {} },
    manifest: defineFunction({
      name: "x",
      description: "",
      memoryMb: 128,
      timeoutSeconds: 3,
      tables: {},
      env,
    }),
  };
}

afterEach(() => {
  delete process.env.LAMBDA_BENCH_PARENT_ONLY;
});

describe("childEnv", () => {
  it("gives local credentials, both local endpoints, every table name and the manifest's defaults", () => {
    // Act
    const env = childEnv(lambda({ CARRIER: { description: "", default: "DHL" } }), bench);

    // Assess
    expect(env).toMatchObject({
      AWS_REGION: "eu-central-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
      AWS_ENDPOINT_URL_SFN: "http://127.0.0.1:9000",
      ORDERS_TABLE_NAME: "b-orders",
      SHIPMENTS_TABLE_NAME: "b-ship",
      CARRIER: "DHL",
    });
  });

  it("provides a state machine ARN to a function that needs one", () => {
    // Act
    const env = childEnv(lambda({ STATE_MACHINE_ARN: { description: "" } }), bench);

    // Assess
    expect(env.STATE_MACHINE_ARN).toMatch(/^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:/);
  });

  it("passes nothing else of the parent's environment", () => {
    // Prepare
    process.env.LAMBDA_BENCH_PARENT_ONLY = "1";

    // Act
    const env = childEnv(lambda({}), bench);

    // Assess
    expect(env.LAMBDA_BENCH_PARENT_ONLY).toBeUndefined();
    expect(env.PATH).toBe(process.env.PATH);
  });

  it("refuses a variable without default that the bench cannot provide, naming it", () => {
    expect(() => childEnv(lambda({ API_KEY: { description: "" } }), bench)).toThrow(
      "packages/x: manifest variable API_KEY has no default",
    );
  });
});
