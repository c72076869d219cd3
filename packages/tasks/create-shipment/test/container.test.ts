import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordingSfn, taskTimedOut } from "./step-functions";
import { expectedReserved, freshItems, shipmentTables } from "./tables";

const db = await useLocalTables(["orders", "shipments", "reservations", "inventory"]);
const { runContainerTask } = await import("../src/container");
const tables = shipmentTables(db);

const taskToken = "token-of-the-CreateShipment-state";
const heartbeat = { api: "SendTaskHeartbeat", request: { taskToken } };

/**
 * Lets the first heartbeat's answer arrive, so the task has set its heartbeat timer and is waiting on
 * DynamoDB Local: microtasks alone can never finish a network round trip.
 */
async function untilWorking() {
  for (let tick = 0; tick < 20; tick++) await Promise.resolve();
}

describe("runContainerTask on DynamoDB Local", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ships the order and reports SendTaskSuccess with the shipment, after a first heartbeat", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const sfn = recordingSfn();

    // Act
    await runContainerTask(
      { taskToken, input: { ...order.input, executionId: "exec-1" } },
      { sfn: sfn.client },
    );

    // Assess
    expect(sfn.calls).toEqual([
      heartbeat,
      { api: "SendTaskSuccess", request: { taskToken, output: expect.any(String) } },
    ]);
    const output = JSON.parse(String(sfn.calls[1]?.request.output));
    expect(output).toMatchObject({ orderId: order.orderId, status: "CREATED" });
    expect(output).toEqual(await tables.shipment(order.orderId));
    expect(await tables.reserved(order.items)).toEqual(expectedReserved(order.items, true));
  });

  it("reports ShipmentFailed with its message as cause, and ships nothing", async () => {
    // Prepare
    const order = await tables.reservedOrder(freshItems(2), {}, { country: "US" });
    const sfn = recordingSfn();

    // Act
    await runContainerTask({ taskToken, input: order.input }, { sfn: sfn.client });

    // Assess
    expect(sfn.calls).toEqual([
      heartbeat,
      {
        api: "SendTaskFailure",
        request: {
          taskToken,
          error: "ShipmentFailed",
          cause: "shipment failed: we do not ship to US; supported countries: DE, AT, NL, BE, FR, PT, ES, IT",
        },
      },
    ]);
    expect(await tables.shipment(order.orderId)).toBeUndefined();
  });

  it("reports an input that breaks CreateShipmentInput as ValidationError naming the bad field", async () => {
    // Prepare
    const sfn = recordingSfn();

    // Act
    await runContainerTask({ taskToken, input: { orderId: "ord 1" } }, { sfn: sfn.client });

    // Assess
    expect(sfn.calls).toEqual([
      heartbeat,
      {
        api: "SendTaskFailure",
        request: {
          taskToken,
          error: "ValidationError",
          cause: "invalid task input: orderId: must be 1-64 characters of A-Z, a-z, 0-9, _ or -",
        },
      },
    ]);
  });

  it("reports an unexpected error under its own name with its message", async () => {
    // Prepare: a reservation row written without the protocol (no heldLines)
    const order = await tables.reservedOrder();
    await tables.putReservation({ orderId: order.orderId, items: order.items, status: "HELD" });
    const sfn = recordingSfn();

    // Act
    await runContainerTask({ taskToken, input: order.input }, { sfn: sfn.client });

    // Assess
    expect(sfn.calls).toEqual([
      heartbeat,
      {
        api: "SendTaskFailure",
        request: {
          taskToken,
          error: "Error",
          cause: `reservation ${order.orderId}: its record has no valid heldLines or items; its rows were changed by hand, fix them`,
        },
      },
    ]);
  });

  it("heartbeats every interval while it works, and not once the task is reported", async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const order = await tables.reservedOrder(freshItems(100));
    const sfn = recordingSfn();

    // Act
    const running = runContainerTask(
      { taskToken, input: order.input },
      { sfn: sfn.client, heartbeatIntervalMs: 10_000 },
    );
    await untilWorking();
    vi.advanceTimersByTime(35_000);
    const whileWorking = sfn.calls.map((call) => call.api);
    await running;
    vi.advanceTimersByTime(60_000);

    // Assess
    expect(whileWorking).toEqual(Array(4).fill("SendTaskHeartbeat"));
    expect(sfn.calls.map((call) => call.api)).toEqual([
      ...Array(4).fill("SendTaskHeartbeat"),
      "SendTaskSuccess",
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps working and reports when a heartbeat during the work is refused", async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const order = await tables.reservedOrder();
    const sfn = recordingSfn((api, index) =>
      api === "SendTaskHeartbeat" && index > 0 ? taskTimedOut() : undefined,
    );

    // Act
    const running = runContainerTask(
      { taskToken, input: order.input },
      { sfn: sfn.client, heartbeatIntervalMs: 1_000 },
    );
    await untilWorking();
    vi.advanceTimersByTime(1_000);
    await running;

    // Assess
    expect(sfn.calls.map((call) => call.api)).toEqual([
      "SendTaskHeartbeat",
      "SendTaskHeartbeat",
      "SendTaskSuccess",
    ]);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "SHIPPED" });
  });

  it("does no work and rejects when the state no longer waits for the token", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const sfn = recordingSfn((api) => (api === "SendTaskHeartbeat" ? taskTimedOut() : undefined));

    // Act
    const attempt = runContainerTask({ taskToken, input: order.input }, { sfn: sfn.client });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "TaskTimedOut" });
    expect(sfn.calls).toEqual([heartbeat]);
    expect(await tables.reservation(order.orderId)).toMatchObject({ status: "HELD" });
  });

  it("rejects, for the process to exit non-zero, when the report itself is refused", async () => {
    // Prepare
    const order = await tables.reservedOrder();
    const sfn = recordingSfn((api) => (api === "SendTaskSuccess" ? taskTimedOut() : undefined));

    // Act
    const attempt = runContainerTask({ taskToken, input: order.input }, { sfn: sfn.client });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "TaskTimedOut" });
  });
});
