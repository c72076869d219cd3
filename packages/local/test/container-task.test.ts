/**
 * CreateShipment as a container task (`kind: "container"`): the definition gets the
 * `ecs:runTask.waitForTaskToken` state, and the runtime runs the package's real container entry
 * (`runContainerTask`) in-process with the token and input from the state's container overrides. A thin
 * wrapper can kill the container before it reports, as an out-of-memory kill would.
 */
import { randomUUID } from "node:crypto";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ContainerEntry } from "../src/runtime/ecs-adapter";
import { startLocalRuntime } from "../src/runtime/runtime";
import { freshSku, orderFor, recordShippingTo, US_ADDRESS } from "./support";

let killsLeft = 0;
const fulfilment: ContainerEntry = async (run, deps) => {
  if (killsLeft > 0) {
    killsLeft -= 1;
    throw new Error("container killed (OutOfMemoryError)");
  }
  // Imported on first use: the module binds its tables when loaded, after the runtime set the environment.
  const { runContainerTask } = await import("@orderflow/task-create-shipment/container");
  await runContainerTask(run, deps);
};

const runtime = await startLocalRuntime({
  endpoint: inject("dynamoDbLocalEndpoint"),
  tablePrefix: `c${randomUUID().slice(0, 8)}-`,
  stock: {},
  tasks: WORKFLOW_TASKS,
  taskCode: { CreateShipment: { kind: "container", entry: fulfilment } },
});
afterAll(() => runtime.stop());

describe("a container task state run locally with a task token", () => {
  it("is an ECS waitForTaskToken state in the definition", () => {
    // Act
    const state = runtime.taskStates.find((s) => s.name === "CreateShipment");

    // Assess
    expect(state).toMatchObject({ integration: "ecs", waitForTaskToken: true });
  });

  it("completes the order with the shipment the container reported", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.output).toMatchObject({ shipment: { orderId: order.orderId, status: "CREATED" } });
    expect(ledger.shipments).toHaveLength(1);
    expect(ledger.inventory).toEqual({ [sku]: { available: 3, reserved: 0 } });
  });

  it("releases, then refunds, when the container reports ShipmentFailed with SendTaskFailure", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);
    await recordShippingTo(runtime, order, US_ADDRESS);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      error: "ShipmentFailed",
      compensations: ["ReleaseInventory", "RefundPayment"],
    });
    expect(report.steps.find((s) => s.state === "CreateShipment")?.caught).toMatchObject({
      error: "ShipmentFailed",
      next: "ReleaseInventory",
    });
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 5, reserved: 0 } });
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderFailed"]);
  });

  it("retries ECS capacity errors before the container starts", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, { faults: { CreateShipment: ["transient", "transient"] } });

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.steps.find((s) => s.state === "CreateShipment")?.retries.map((r) => r.error)).toEqual([
      "ECS.AmazonECSException",
      "ECS.AmazonECSException",
    ]);
  });

  it("runs a container that was lost before reporting again, and ships once", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);
    killsLeft = 1;

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.steps.find((s) => s.state === "CreateShipment")?.retries.map((r) => r.error)).toEqual([
      "States.HeartbeatTimeout",
    ]);
    expect(ledger.shipments).toHaveLength(1);
  });

  it("compensates when the container keeps dying without reporting (heartbeat timeouts outlast retries)", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);
    killsLeft = 4;

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.error).toBe("States.HeartbeatTimeout");
    expect(report.steps.find((s) => s.state === "CreateShipment")?.retries).toHaveLength(3);
    // Nothing shipped, so the release frees the stock and the refund gives the money back.
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "States.HeartbeatTimeout" });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.shipments).toEqual([]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 5, reserved: 0 } });
  });
});
