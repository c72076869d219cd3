import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type {} from "@orderflow/dynamodb-local/vitest";
import { startLocalCloud } from "@orderflow/local-cloud";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { CliIo } from "../src/commands/command";
import { main } from "../src/main";

// The token command and the cloud share the development issuer's key through this folder.
process.env.ORDERFLOW_STATE_DIR = mkdtempSync(join(tmpdir(), "orderflow-state-"));
const cloud = await startLocalCloud({
  port: 0,
  dynamoDbEndpoint: inject("dynamoDbLocalEndpoint"),
  tablePrefix: `clc${randomUUID().slice(0, 8)}-`,
  handlerLogLevel: "SILENT",
  log: () => undefined,
});
afterAll(() => cloud.stop());

async function orderflow(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("orderflow against the local cloud", () => {
  it("starts an order with start --endpoint-url and follows it to SUCCEEDED, without AWS credentials", async () => {
    // Prepare
    const input = fileURLToPath(new URL("fixtures/start/order.json", import.meta.url));

    // Act
    const result = await orderflow("start", "--endpoint-url", cloud.url, "--input", input, "--wait");

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "started order ord_START_1: arn:aws:states:eu-central-1:000000000000:execution:orderflow-local:ord_START_1",
    );
    expect(result.stdout).toContain(`console: ${cloud.url}/#/executions/`);
    expect(result.stdout).toContain("status: SUCCEEDED");
  });

  it("prints a token the local orders API accepts, with the scopes asked for", async () => {
    // Prepare
    const port = String(cloud.port);

    // Act
    const reader = await orderflow("token", "--sub", "cus_ana", "--scope", "orders:read", "--port", port);
    const token = reader.stdout.trim();
    const read = await fetch(`${cloud.url}/orders/ord_NOT_THERE1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const write = await fetch(`${cloud.url}/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });

    // Assess
    expect(reader.code).toBe(0);
    expect(token.split(".")).toHaveLength(3);
    expect(read.status).toBe(404);
    expect(write.status).toBe(403);
  });

  it("refuses a token request without --sub, and a port that is not one", async () => {
    // Act
    const [noSub, badPort] = await Promise.all([orderflow("token"), orderflow("dev", "--port", "http")]);

    // Assess
    expect([noSub.code, noSub.stderr]).toEqual([
      2,
      expect.stringContaining("--sub <customer id> is required"),
    ]);
    expect([badPort.code, badPort.stderr]).toEqual([
      2,
      expect.stringContaining("--port http is not a port number"),
    ]);
  });
});
