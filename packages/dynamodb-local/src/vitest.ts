/**
 * Test wiring: one DynamoDB Local per test run (vitest `globalSetup`), isolated tables per test file.
 *
 *   // vitest.config.ts
 *   test: { globalSetup: ["@orderflow/dynamodb-local/global-setup"] }
 *   // a test file
 *   const db = await useLocalTables(["inventory"]);      // sets env, then:
 *   const { handler } = await import("../src/handler");  // handler reads env at module load
 */
import { randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TableName } from "@orderflow/domain";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { LOCAL_AWS_ENV, startDynamoDbLocal } from "./server";
import { sharedEndpoint } from "./shared";
import { createTables, type TableNames, tableEnv } from "./tables";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoDbLocalEndpoint: string;
  }
}

/**
 * vitest globalSetup: uses the DynamoDB Local a workspace runner shares, or starts one for this run and
 * stops it afterwards.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = sharedEndpoint();
  if (shared !== undefined) {
    project.provide("dynamoDbLocalEndpoint", shared);
    return async () => undefined;
  }
  const db = await startDynamoDbLocal({ quickStart: true });
  project.provide("dynamoDbLocalEndpoint", db.endpoint);
  return () => db.stop();
}

export interface LocalTables {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly names: TableNames;
}

/**
 * Creates fresh tables under a unique prefix and points this test file's process at them
 * (AWS_ENDPOINT_URL_DYNAMODB, credentials, `<TABLE>_TABLE_NAME`).
 */
export async function useLocalTables(tables?: readonly TableName[]): Promise<LocalTables> {
  const endpoint = inject("dynamoDbLocalEndpoint");
  Object.assign(process.env, LOCAL_AWS_ENV, { AWS_ENDPOINT_URL_DYNAMODB: endpoint });
  const client = new DynamoDBClient({ endpoint });
  const names = await createTables(client, `t${randomUUID().slice(0, 8)}-`, tables);
  Object.assign(process.env, tableEnv(names));
  return { endpoint, client, names };
}

const STREAMS_TARGET = "DynamoDBStreams_20120810.";

/**
 * The DynamoDB Streams operations `act` sent, in order, by name (`GetRecords`, `DescribeStream`, …), as
 * they left this process over HTTP: what a stream reader really asks, whichever client asked it.
 */
export async function streamOperationsSentBy(act: () => Promise<unknown>): Promise<string[]> {
  const operations: string[] = [];
  const onRequest = (message: unknown) => {
    const target = String((message as { request: ClientRequest }).request.getHeader("x-amz-target"));
    if (target.startsWith(STREAMS_TARGET)) operations.push(target.slice(STREAMS_TARGET.length));
  };
  subscribe("http.client.request.start", onRequest);
  try {
    await act();
  } finally {
    unsubscribe("http.client.request.start", onRequest);
  }
  return operations;
}
