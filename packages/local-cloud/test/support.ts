import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SFNClient } from "@aws-sdk/client-sfn";
import type {} from "@orderflow/dynamodb-local/vitest";
import { sampleOrder } from "@orderflow/local";
import { inject } from "vitest";
import { type LocalCloud, startLocalCloud } from "../src/server";

/** The local cloud on a free port, on the test run's DynamoDB Local with tables of its own. */
export function startTestCloud(): Promise<LocalCloud> {
  return startLocalCloud({
    port: 0,
    dynamoDbEndpoint: inject("dynamoDbLocalEndpoint"),
    tablePrefix: `lc${randomUUID().slice(0, 8)}-`,
    stateDir: mkdtempSync(join(tmpdir(), "orderflow-cloud-")),
    handlerLogLevel: "SILENT",
    log: () => undefined,
  });
}

/** The real SDK v3 client, pointed at the local endpoint with made-up credentials. */
export function sfnClientFor(cloud: LocalCloud): SFNClient {
  return new SFNClient({
    endpoint: cloud.url,
    region: "eu-central-1",
    credentials: { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "any-secret-will-do" },
  });
}

/** A fresh order id, as the API would assign one. */
export function orderId(): string {
  return `ord_${randomUUID().replaceAll("-", "").slice(0, 20).toUpperCase()}`;
}

/** A demo-catalog order that takes the happy path, for `customer`. */
export function demoOrder(id = orderId(), customer = { id: "cus_ana", email: "ana@example.com" }) {
  return sampleOrder({ orderId: id, customer, items: [{ sku: "SKU-MUG", quantity: 1 }] });
}

/** Polls `read` until `done` holds for its answer (each poll a real request). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
