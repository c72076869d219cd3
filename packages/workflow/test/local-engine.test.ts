import type { Order } from "@orderflow/domain";
import { StateMachine } from "aws-local-stepfunctions";
import { describe, expect, it } from "vitest";
import { orderWorkflow, sampleRefs } from "../src";
import { LAMBDA_TRANSIENT_ERRORS } from "../src/asl";
import order from "./fixtures/order.json" with { type: "json" };
import { containerOverridesOf, type Fault, runOrder } from "./local-engine";
import { containerTasks, definitions, lambdaTasks } from "./support";

const lambdaDefinition = orderWorkflow(sampleRefs, lambdaTasks);
const containerDefinition = orderWorkflow(sampleRefs, containerTasks);
const validOrder = order as Order;
const throws = (name: string, tookEffect = false): Fault => ({ throws: name, tookEffect });
/** More failures than any retrier allows: the state gives up. */
const always = (name: string): Fault[] => Array.from({ length: 40 }, () => throws(name));

const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"] as const;
const REJECTED = ["MarkRejected", "Rejected"];
/** Fence, no shipment after all, refund, every compensation done: FAILED. */
const UNDONE = [
  "ReleaseInventory",
  "CheckShipped",
  "RefundPayment",
  "CheckCompensations",
  "MarkFailed",
  "Failed",
];
const ATTENTION = ["MarkNeedsAttention", "NeedsAttention"];

/** The saga by hand, independent of the builder: what a failure at each step visits. */
const BUSINESS_PATHS: readonly [string, string, readonly string[]][] = [
  ["ValidateOrder", "ValidationError", ["ValidateOrder", ...REJECTED]],
  ["ReserveInventory", "OutOfStock", ["ValidateOrder", "ReserveInventory", ...REJECTED]],
  ["ChargePayment", "PaymentDeclined", [...FORWARD.slice(0, 3), ...UNDONE]],
  ["CreateShipment", "ShipmentFailed", [...FORWARD, ...UNDONE]],
];
const UNEXPECTED_PATHS: readonly [string, readonly string[]][] = [
  ["ValidateOrder", ["ValidateOrder", "MarkFailed", "Failed"]],
  ["ReserveInventory", [...FORWARD.slice(0, 2), ...UNDONE]],
  ["ChargePayment", [...FORWARD.slice(0, 3), ...UNDONE]],
  ["CreateShipment", [...FORWARD, ...UNDONE]],
];

const incompleteOf = (item: Record<string, unknown> | undefined) => JSON.parse(String(item?.incomplete));

describe("the definition in aws-local-stepfunctions (the local engine)", () => {
  it.each(definitions())("is accepted on construction ($name tasks)", ({ definition }) => {
    expect(() => new StateMachine(structuredClone(definition) as never)).not.toThrow();
  });

  it.each([
    ["Lambda", lambdaDefinition],
    ["container", containerDefinition],
  ])("completes an order in 5 states, each task getting exactly its contract (%s)", async (_, definition) => {
    // Act
    const run = await runOrder(definition, validOrder);

    // Assess
    expect(run.status).toBe("SUCCEEDED");
    expect(run.entered).toEqual([...FORWARD, "MarkCompleted"]);
    expect(run.contractProblems).toEqual([]);
    expect(run.output).toMatchObject({
      orderId: validOrder.orderId,
      reservation: { status: "HELD" },
      payment: { status: "CAPTURED", chargeId: `ch_${validOrder.orderId}` },
      shipment: { trackingNumber: "TRK-1" },
    });
    expect(run.item).toEqual({
      orderId: validOrder.orderId,
      status: "COMPLETED",
      eventType: "OrderCompleted",
      total: { amount: 4500, currency: "EUR" },
      trackingNumber: "TRK-1",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    });
  });

  it("leaves no card token in the state once the charge went through", async () => {
    const run = await runOrder(lambdaDefinition, validOrder);
    expect(JSON.stringify(run.output)).not.toContain(validOrder.payment.token);
  });

  describe.each([
    ["Lambda", lambdaDefinition],
    ["container", containerDefinition],
  ])("failure paths (%s)", (_, definition) => {
    it.each(BUSINESS_PATHS)(
      "a business error at %s (%s) is not retried and undoes exactly what was held",
      async (step, error, path) => {
        // Act
        const run = await runOrder(definition, validOrder, { [step]: [throws(error)] });

        // Assess
        expect(run.entered).toEqual(path);
        expect(run.retried).toEqual([]);
        expect(run).toMatchObject({ status: "FAILED", error });
        const status = path.includes("MarkRejected") ? "REJECTED" : "FAILED";
        const eventType = status === "REJECTED" ? "OrderRejected" : "OrderFailed";
        expect(run.item).toMatchObject({ status, eventType, error, cause: `injected ${error} at ${step}` });
        expect(run.contractProblems).toEqual([]);
      },
    );

    it.each(UNEXPECTED_PATHS)("an unexpected error at %s also undoes that step", async (step, path) => {
      const run = await runOrder(definition, validOrder, { [step]: [throws("Error")] });
      expect(run.entered).toEqual(path);
      expect(run).toMatchObject({ status: "FAILED", error: "Error" });
      expect(run.item).toMatchObject({ status: "FAILED", eventType: "OrderFailed", error: "Error" });
      expect(run.contractProblems).toEqual([]);
    });

    it.each(FORWARD)(
      "a timeout at %s is retried, since the step is idempotent, rather than compensated",
      async (step) => {
        const run = await runOrder(definition, validOrder, { [step]: [throws("States.Timeout")] });
        expect(run.status).toBe("SUCCEEDED");
        expect(run.retried).toEqual([step]);
      },
    );

    it("completes an order that shipped after all (its answer was lost), refunding nothing", async () => {
      // Act
      const run = await runOrder(definition, validOrder, { CreateShipment: [throws("Error", true)] });

      // Assess
      expect(run.entered).toEqual([
        ...FORWARD,
        "ReleaseInventory",
        "CheckShipped",
        "GetShipment",
        "MarkCompleted",
      ]);
      expect(run.status).toBe("SUCCEEDED");
      expect(run.item).toMatchObject({
        status: "COMPLETED",
        eventType: "OrderCompleted",
        trackingNumber: "TRK-1",
      });
      expect(run.contractProblems).toEqual([]);
    });

    it("asks a person to finish a hand-over that shipped incompletely, refunding nothing", async () => {
      // Act
      const run = await runOrder(definition, validOrder, {
        CreateShipment: [throws("Error", true)],
        ReleaseInventory: [{ answers: { outcome: "HANDOVER_INCOMPLETE" } }],
      });

      // Assess
      expect(run.entered).toEqual([
        ...FORWARD,
        "ReleaseInventory",
        "CheckShipped",
        "HandOverByHand",
        ...ATTENTION,
      ]);
      expect(run).toMatchObject({
        status: "FAILED",
        error: "NeedsAttention",
        cause: "injected Error at CreateShipment",
      });
      expect(run.item).toMatchObject({
        status: "NEEDS_ATTENTION",
        eventType: "OrderNeedsAttention",
        error: "Error",
      });
      expect(incompleteOf(run.item)).toEqual({
        CreateShipment: { Error: "HandoverIncomplete", Cause: expect.stringMatching(/shipped/) },
      });
      expect(run.contractProblems).toEqual([]);
    });
  });

  it("holds the refund when the release gave up after the charge went through: a shipment may land", async () => {
    // Act
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      ReleaseInventory: always("InventoryDown"),
    });

    // Assess
    expect(run.entered).toEqual([...FORWARD, "ReleaseInventory", "SafeToRefund", "HoldRefund", ...ATTENTION]);
    expect(run).toMatchObject({ status: "FAILED", error: "NeedsAttention" });
    expect(run.item).toMatchObject({ status: "NEEDS_ATTENTION", error: "ShipmentFailed" });
    expect(incompleteOf(run.item)).toEqual({
      ReleaseInventory: { Error: "InventoryDown", Cause: "injected InventoryDown at ReleaseInventory" },
      RefundPayment: { Error: "RefundHeld", Cause: expect.any(String) },
    });
  });

  it.each([
    ["ChargePayment", "PaymentDeclined"],
    ["ReserveInventory", "Error"],
  ])("refunds when the release gave up before any charge went through (%s: %s)", async (step, error) => {
    // Act
    const run = await runOrder(lambdaDefinition, validOrder, {
      [step]: [throws(error)],
      ReleaseInventory: always("InventoryDown"),
    });

    // Assess
    expect(run.entered.slice(-6)).toEqual([
      "ReleaseInventory",
      "SafeToRefund",
      "RefundPayment",
      "CheckCompensations",
      ...ATTENTION,
    ]);
    expect(run.item).toMatchObject({ status: "NEEDS_ATTENTION", error });
    expect(Object.keys(incompleteOf(run.item))).toEqual(["ReleaseInventory"]);
    expect(run.contractProblems).toEqual([]);
  });

  it("asks a person to settle a refund that gave up, after the release", async () => {
    // Act
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      RefundPayment: always("PaymentGatewayDown"),
    });

    // Assess
    expect(run.entered).toEqual([
      ...FORWARD,
      "ReleaseInventory",
      "CheckShipped",
      "RefundPayment",
      ...ATTENTION,
    ]);
    expect(run).toMatchObject({
      status: "FAILED",
      error: "NeedsAttention",
      cause: "injected ShipmentFailed at CreateShipment",
    });
    expect(incompleteOf(run.item)).toEqual({
      RefundPayment: { Error: "PaymentGatewayDown", Cause: "injected PaymentGatewayDown at RefundPayment" },
    });
  });

  it("asks a person to record a shipment that happened after all but cannot be read back", async () => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("Error", true)],
      GetShipment: always("DynamoDB.InternalServerError"),
    });
    expect(run.entered.slice(-3)).toEqual(["GetShipment", ...ATTENTION]);
    expect(Object.keys(incompleteOf(run.item))).toEqual(["CreateShipment"]);
  });

  it("retries a compensation that fails transiently, then finishes the undo", async () => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      RefundPayment: [throws("PaymentProcessingError"), throws("SomethingOdd")],
    });
    expect(run.entered).toEqual([...FORWARD, ...UNDONE]);
    expect(run.retried).toEqual(["RefundPayment", "RefundPayment"]);
    expect(run).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
  });

  it.each(FORWARD)("retries a transient Lambda error at %s and then completes", async (step) => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      [step]: [throws(LAMBDA_TRANSIENT_ERRORS[3])],
    });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.retried).toEqual([step]);
  });

  it.each(["MarkCompleted", "MarkFailed"])(
    "repeats a status write whose answer timed out (%s)",
    async (write) => {
      // Prepare: MarkFailed is reached by an unexpected error at the first step
      const failing = write === "MarkFailed" ? { ValidateOrder: [throws("Error")] } : {};

      // Act
      const run = await runOrder(lambdaDefinition, validOrder, {
        ...failing,
        [write]: [throws("States.Timeout")],
      });

      // Assess
      expect(run.retried).toEqual([write]);
      expect(run.entered).not.toContain("RecordingFailed");
      expect(run.item?.status).toBe(write === "MarkFailed" ? "FAILED" : "COMPLETED");
    },
  );

  it("ends in RecordingFailed when the completion cannot be recorded, without undoing the shipment", async () => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      MarkCompleted: [throws("DynamoDB.ConditionalCheckFailedException")],
    });
    expect(run.entered).toEqual([...FORWARD, "MarkCompleted", "RecordingFailed"]);
    expect(run).toMatchObject({ status: "FAILED", error: "RecordingFailed" });
  });

  it("passes the container only the ids, as JSON a worker can parse", async () => {
    // Act
    const run = await runOrder(containerDefinition, validOrder);

    // Assess
    expect(run.contractProblems).toEqual([]);
    const [override] = containerOverridesOf(run, "CreateShipment");
    const environment = override?.Environment ?? [];
    const input = environment.find((e) => e.Name === "TASK_INPUT")?.Value ?? "";
    expect(JSON.parse(input)).toEqual({
      orderId: validOrder.orderId,
      executionId: `arn:aws:states:local:000000000000:execution:orders:${validOrder.orderId}`,
    });
  });

  it("notes a give-up whose cause has quotes as JSON that parses (the patched engine keeps escapes, as AWS does)", async () => {
    // Prepare: unpatched, aws-local-stepfunctions 3.0.0 strips every "\" from intrinsic results
    const quoted = Array.from({ length: 40 }, () => throws('Gateway"Down'));

    // Act
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      RefundPayment: quoted,
    });

    // Assess
    expect(run.item?.status).toBe("NEEDS_ATTENTION");
    expect(incompleteOf(run.item)).toMatchObject({ RefundPayment: { Error: 'Gateway"Down' } });
  });
});
