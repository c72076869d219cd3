import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordingSfn, taskTimedOut } from "./step-functions";
import { shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const tables = shipmentTables(db);

const TASK_TOKEN = "token-of-the-CreateShipment-state";

/** containerMain as a fresh process would load it: the task's own module reads its settings anew. */
async function freshMain() {
  vi.resetModules();
  return (await import("../src/container-main")).containerMain;
}

describe("containerMain: the container's process entry", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads the token and the JSON input (the order id only) from the environment, ships, and exits 0", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const sfn = recordingSfn();
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_TOKEN, TASK_INPUT: JSON.stringify(order.input) }, sfn.client);

    // Assess
    expect(exitCode).toBe(0);
    expect(sfn.calls.map((call) => [call.api, call.request.taskToken])).toEqual([
      ["SendTaskHeartbeat", TASK_TOKEN],
      ["SendTaskSuccess", TASK_TOKEN],
    ]);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED" });
  });

  it("exits 1 without a call when TASK_TOKEN is missing, since nothing can be reported", async () => {
    // Prepare
    const sfn = recordingSfn();
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_INPUT: "{}" }, sfn.client);

    // Assess
    expect(exitCode).toBe(1);
    expect(sfn.calls).toEqual([]);
  });

  it.each([
    ["missing", undefined, "TASK_INPUT is not set"],
    ["not JSON", "{orderId:", "TASK_INPUT is not a JSON document"],
  ])("reports a %s TASK_INPUT as ValidationError and exits 0", async (_, TASK_INPUT, problem) => {
    // Prepare
    const sfn = recordingSfn();
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_TOKEN, ...(TASK_INPUT && { TASK_INPUT }) }, sfn.client);

    // Assess
    expect(exitCode).toBe(0);
    expect(sfn.calls).toEqual([
      {
        api: "SendTaskFailure",
        request: { taskToken: TASK_TOKEN, error: "ValidationError", cause: expect.stringContaining(problem) },
      },
    ]);
  });

  it("reports a bad setting of the task's own as its failure, so the workflow need not wait for the heartbeat timeout", async () => {
    // Prepare
    vi.stubEnv("SUPPORTED_COUNTRIES", "DE,Austria");
    const sfn = recordingSfn();
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_TOKEN, TASK_INPUT: "{}" }, sfn.client);

    // Assess
    expect(exitCode).toBe(0);
    expect(sfn.calls).toEqual([
      {
        api: "SendTaskFailure",
        request: {
          taskToken: TASK_TOKEN,
          error: "Error",
          cause: expect.stringContaining("SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes"),
        },
      },
    ]);
  });

  it.each([
    ["the report", "SendTaskSuccess"],
    ["the first heartbeat", "SendTaskHeartbeat"],
  ])("exits 1 when Step Functions refuses %s", async (_, refused) => {
    // Prepare
    const order = await tables.reservedOrder();
    const sfn = recordingSfn((api) => (api === refused ? taskTimedOut() : undefined));
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_TOKEN, TASK_INPUT: JSON.stringify(order.input) }, sfn.client);

    // Assess
    expect(exitCode).toBe(1);
  });

  it("exits 1 when Step Functions refuses the failure report of a broken input", async () => {
    // Prepare
    const sfn = recordingSfn(() => taskTimedOut());
    const containerMain = await freshMain();

    // Act
    const exitCode = await containerMain({ TASK_TOKEN, TASK_INPUT: "[" }, sfn.client);

    // Assess
    expect(exitCode).toBe(1);
    expect(sfn.calls.map((call) => call.api)).toEqual(["SendTaskFailure"]);
  });
});
