import type { Order } from "@orderflow/domain";
import { StateMachine } from "aws-local-stepfunctions";
import { describe, expect, it } from "vitest";
import { orderWorkflow, sampleRefs } from "../src";
import { LAMBDA_TRANSIENT_ERRORS } from "../src/asl";
import order from "./fixtures/order.json" with { type: "json" };
import { type Fault, runOrder } from "./local-engine";
import { containerTasks, definitions, lambdaTasks } from "./support";

const lambdaDefinition = orderWorkflow(sampleRefs, lambdaTasks);
const containerDefinition = orderWorkflow(sampleRefs, containerTasks);
const validOrder = order as Order;
const throws = (name: string): Fault => ({ throws: name });

const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"] as const;
const COMPENSATION_OF: Record<string, string> = {
  ReserveInventory: "ReleaseInventory",
  ChargePayment: "RefundPayment",
};
const REJECTED = ["MarkRejected", "PublishRejected", "Rejected"];
const FAILED = ["MarkFailed", "PublishFailed", "Failed"];

/** The saga by hand: which states a failure at `step` must visit, independent of the builder. */
function expectedPath(step: (typeof FORWARD)[number], business: boolean): string[] {
  const index = FORWARD.indexOf(step);
  const done = FORWARD.slice(0, index).filter((s) => s in COMPENSATION_OF);
  if (business && done.length === 0) return [...FORWARD.slice(0, index + 1), ...REJECTED];
  const undo = business || !(step in COMPENSATION_OF) ? done : [...done, step];
  return [
    ...FORWARD.slice(0, index + 1),
    ...undo.reverse().map((s) => COMPENSATION_OF[s] as string),
    ...FAILED,
  ];
}

const BUSINESS_ERROR_OF: Record<string, string> = {
  ValidateOrder: "ValidationError",
  ReserveInventory: "OutOfStock",
  ChargePayment: "PaymentDeclined",
  CreateShipment: "ShipmentFailed",
};

describe("the definition in aws-local-stepfunctions (the local engine)", () => {
  it.each(definitions())("is accepted on construction ($name tasks)", ({ definition }) => {
    expect(() => new StateMachine(structuredClone(definition) as never)).not.toThrow();
  });

  it.each([
    ["Lambda", lambdaDefinition],
    ["container", containerDefinition],
  ])(
    "completes an order on the happy path, each task getting exactly its contract (%s)",
    async (_, definition) => {
      // Act
      const run = await runOrder(definition, validOrder);

      // Assess
      expect(run.status).toBe("SUCCEEDED");
      expect(run.entered).toEqual([
        "ValidateOrder",
        "ReserveInventory",
        "ChargePayment",
        "CreateShipment",
        "MarkCompleted",
        "PublishCompleted",
        "Done",
      ]);
      expect(run.contractProblems).toEqual([]);
      expect(run.output).toMatchObject({
        orderId: validOrder.orderId,
        reservation: { status: "HELD" },
        charge: { status: "CAPTURED", amount: { amount: 4500, currency: "EUR" } },
        shipment: { trackingNumber: "TRK-1" },
      });
      expect(run.serviceCalls.MarkCompleted?.[0]).toMatchObject({
        Key: { orderId: { S: validOrder.orderId } },
        ExpressionAttributeValues: {
          ":status": { S: "COMPLETED" },
          ":now": { S: "2025-01-01T00:00:00.000Z" },
        },
      });
      expect(run.serviceCalls.PublishCompleted?.[0]).toEqual({
        Entries: [
          {
            EventBusName: sampleRefs.eventBusName,
            Source: "orderflow.orders",
            DetailType: "OrderCompleted",
            Detail: {
              orderId: validOrder.orderId,
              total: { amount: 4500, currency: "EUR" },
              trackingNumber: "TRK-1",
            },
          },
        ],
      });
    },
  );

  describe.each([
    ["Lambda", lambdaDefinition],
    ["container", containerDefinition],
  ])("failure paths (%s)", (_, definition) => {
    it.each(FORWARD.map((step) => [step, BUSINESS_ERROR_OF[step] as string]))(
      "a business error at %s (%s) is not retried and runs exactly the compensations of earlier steps",
      async (step, error) => {
        // Act
        const run = await runOrder(definition, validOrder, { [step]: [throws(error)] });

        // Assess
        expect(run.entered).toEqual(expectedPath(step, true));
        expect(run.retried).toEqual([]);
        expect(run).toMatchObject({ status: "FAILED", error });
        const write =
          run.serviceCalls[run.entered.includes("MarkRejected") ? "MarkRejected" : "MarkFailed"]?.[0];
        expect(write?.ExpressionAttributeValues).toMatchObject({ ":error": { S: error } });
      },
    );

    it.each(FORWARD)(
      "an unexpected error at %s also undoes that step, which may have taken effect",
      async (step) => {
        const run = await runOrder(definition, validOrder, { [step]: [throws("Error")] });
        expect(run.entered).toEqual(expectedPath(step, false));
        expect(run).toMatchObject({ status: "FAILED", error: "Error" });
        expect(run.serviceCalls.PublishFailed?.[0]).toMatchObject({
          Entries: [{ DetailType: "OrderFailed", Detail: { orderId: validOrder.orderId, error: "Error" } }],
        });
      },
    );

    it.each(FORWARD)(
      "a timeout at %s is retried, since the step is idempotent, rather than compensated",
      async (step) => {
        const run = await runOrder(definition, validOrder, { [step]: [throws("States.Timeout")] });
        expect(run.status).toBe("SUCCEEDED");
        expect(run.retried).toEqual([step]);
      },
    );
  });

  it.each(FORWARD)("retries a transient Lambda error at %s and then completes", async (step) => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      [step]: [throws(LAMBDA_TRANSIENT_ERRORS[3])],
    });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.retried).toEqual([step]);
  });

  it("retries a compensation that fails transiently, then finishes the undo", async () => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      RefundPayment: [throws("PaymentProcessingError"), throws("SomethingOdd")],
    });
    expect(run.entered).toEqual(expectedPath("CreateShipment", true));
    expect(run.retried).toEqual(["RefundPayment", "RefundPayment"]);
    expect(run).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
  });

  it("ends a saga whose compensation gives up in CompensationFailed, recorded on the order", async () => {
    // Prepare: the refund fails on every attempt
    const always = Array.from({ length: 40 }, () => throws("PaymentGatewayDown"));

    // Act
    const run = await runOrder(lambdaDefinition, validOrder, {
      CreateShipment: [throws("ShipmentFailed")],
      RefundPayment: always,
    });

    // Assess
    expect(run.entered).toEqual([
      ...FORWARD,
      "RefundPayment",
      "MarkCompensationFailed",
      "CompensationFailed",
    ]);
    expect(run).toMatchObject({ status: "FAILED", error: "CompensationFailed" });
    expect(run.cause).toMatch(/PaymentGatewayDown/);
    expect(run.serviceCalls.MarkCompensationFailed?.[0]?.ExpressionAttributeValues).toMatchObject({
      ":status": { S: "FAILED" },
      ":error": { S: "ShipmentFailed" },
      ":compensationError": { S: "PaymentGatewayDown" },
    });
  });

  it("ends in RecordingFailed when the completion cannot be recorded, without undoing the shipment", async () => {
    const run = await runOrder(lambdaDefinition, validOrder, {
      MarkCompleted: [throws("DynamoDB.ConditionalCheckFailedException")],
    });
    expect(run.entered).toEqual([...FORWARD, "MarkCompleted", "RecordingFailed"]);
    expect(run).toMatchObject({ status: "FAILED", error: "RecordingFailed" });
  });

  it("passes the container its input as JSON a worker can parse, and only the input contract", async () => {
    const run = await runOrder(containerDefinition, validOrder);
    expect(run.contractProblems).toEqual([]);
    expect(run.status).toBe("SUCCEEDED");
  });

  it("documents a local-engine limitation: its intrinsics drop backslashes, so JSON with quotes breaks", async () => {
    // Prepare: aws-local-stepfunctions 3.0.0 strips every "\" from intrinsic results (AWS does not)
    const quoted = {
      ...validOrder,
      shippingAddress: { ...validOrder.shippingAddress, name: 'Ana "Lu" Lima' },
    };

    // Act
    const run = await runOrder(containerDefinition, quoted);

    // Assess: the container stand-in could not parse TASK_INPUT, the saga compensated
    expect(run.entered).toContain("RefundPayment");
    expect(run.error).toBe("SyntaxError");
  });
});
