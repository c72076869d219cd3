/**
 * The built container bundle as the image runs it: `node main.mjs` from a folder with nothing else in it
 * (no node_modules, as in the image), the real AWS SDK it bundles talking to DynamoDB Local and to a
 * local Step Functions endpoint. The bundle comes from the package build, which turbo runs before tests.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stepFunctionsEndpoint } from "./step-functions";
import { expectedReserved, maximalItems, shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const tables = shipmentTables(db);
const bundle = fileURLToPath(new URL("../dist/container/main.mjs", import.meta.url));
const TASK_TOKEN = "token-of-the-CreateShipment-state";

let image = "";
let endpoint: Awaited<ReturnType<typeof stepFunctionsEndpoint>> | undefined;

beforeAll(async () => {
  image = await mkdtemp(join(tmpdir(), "create-shipment-image-"));
  await copyFile(bundle, join(image, "main.mjs")).catch(() => {
    throw new Error(`${bundle} is missing: run the package build first (turbo runs it before test)`);
  });
});

afterEach(() => endpoint?.close());

/** Runs the bundle like the container does and returns its exit code and what it logged. */
async function runContainer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["main.mjs"], { cwd: image, env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [exitCode] = (await once(child, "exit")) as [number];
  return { exitCode, output };
}

describe("the container bundle run as a process", () => {
  it("ships a 100-line order of 32-character SKUs from a TASK_INPUT of the order id alone, reports SendTaskSuccess through the bundled SDK and exits 0", async () => {
    // Prepare: the input fits the container overrides' 8 KB whatever the order's size
    endpoint = await stepFunctionsEndpoint();
    const order = await tables.reservedOrder(maximalItems(100));
    const TASK_INPUT = JSON.stringify(order.input);

    // Act
    const { exitCode } = await runContainer({ AWS_ENDPOINT_URL_SFN: endpoint.url, TASK_TOKEN, TASK_INPUT });

    // Assess
    expect(TASK_INPUT).toBe(JSON.stringify({ orderId: order.orderId }));
    expect(exitCode).toBe(0);
    expect(endpoint.calls.map((call) => [call.api, call.request.taskToken])).toEqual([
      ["SendTaskHeartbeat", TASK_TOKEN],
      ["SendTaskSuccess", TASK_TOKEN],
    ]);
    expect(JSON.parse(String(endpoint.calls[1]?.request.output))).toEqual(
      await tables.shipment(order.orderId),
    );
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("exits 1 when Step Functions refuses the report", async () => {
    // Prepare
    endpoint = await stepFunctionsEndpoint(["SendTaskSuccess"]);
    const order = await tables.reservedOrder();

    // Act
    const { exitCode, output } = await runContainer({
      AWS_ENDPOINT_URL_SFN: endpoint.url,
      TASK_TOKEN,
      TASK_INPUT: JSON.stringify(order.input),
    });

    // Assess
    expect(exitCode).toBe(1);
    expect(output).toContain("could not report to Step Functions");
  });

  it("exits 1 naming TASK_TOKEN when the overrides did not pass it", async () => {
    // Prepare
    endpoint = await stepFunctionsEndpoint();

    // Act
    const { exitCode, output } = await runContainer({ AWS_ENDPOINT_URL_SFN: endpoint.url, TASK_INPUT: "{}" });

    // Assess
    expect(exitCode).toBe(1);
    expect(output).toContain("missing environment variable TASK_TOKEN");
    expect(endpoint.calls).toEqual([]);
  });
});
