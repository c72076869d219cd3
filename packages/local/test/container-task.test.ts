/**
 * CreateShipment as a container task (`kind: "container"`, issue #6): the definition gets the
 * `ecs:runTask.waitForTaskToken` state, and the runtime runs a container entry in-process with the token
 * and input from the state's container overrides. The entry here does what the container does (the real
 * create-shipment handler, then SendTaskSuccess/Failure) until the package ships its own entry module.
 */
import { randomUUID } from "node:crypto";
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import type { TaskManifest } from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ContainerEntry } from "../src/runtime/ecs-adapter";
import { startLocalRuntime } from "../src/runtime/runtime";
import { freshSku, orderFor, US_ADDRESS } from "./support";

const tasks: TaskManifest[] = WORKFLOW_TASKS.map((task) =>
  task.stateName === "CreateShipment" ? { ...task, kind: "container", cpu: 256, heartbeatSeconds: 60 } : task,
);

let crashNext = false;
const fulfilment: ContainerEntry = async ({ taskToken, input }, { sfn }) => {
  const { handler } = await import("@orderflow/task-create-shipment/handler");
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
  if (crashNext) {
    crashNext = false;
    throw new Error("container killed (OutOfMemoryError)");
  }
  try {
    const shipment = await handler(input, { awsRequestId: randomUUID() });
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(shipment) }));
  } catch (error) {
    const { name, message } = error as Error;
    await sfn.send(new SendTaskFailureCommand({ taskToken, error: name, cause: message }));
  }
};

const runtime = await startLocalRuntime({
  endpoint: inject("dynamoDbLocalEndpoint"),
  tablePrefix: `c${randomUUID().slice(0, 8)}-`,
  stock: {},
  tasks,
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

  it("compensates when the container reports ShipmentFailed with SendTaskFailure", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku, { shippingAddress: US_ADDRESS });

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      error: "ShipmentFailed",
      compensations: ["RefundPayment", "ReleaseInventory"],
    });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 5, reserved: 0 } });
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

  it("treats a container that dies without reporting as a heartbeat timeout and compensates", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const order = orderFor(sku);
    crashNext = true;

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.error).toBe("States.HeartbeatTimeout");
    expect(report.compensations).toEqual(["RefundPayment", "ReleaseInventory"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 5, reserved: 0 } });
  });
});
