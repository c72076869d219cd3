import { afterAll, describe, expect, it } from "vitest";
import { ExecutionAlreadyExists } from "../src/runtime/execution";
import { freshSku, orderFor, PRICE, reservationOf, startTestRuntime, US_ADDRESS } from "./support";

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"];

describe("the order workflow, run locally through the real definition and handlers", () => {
  it("completes a valid order: one reservation shipped, one capture, one shipment, one event", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "SUCCEEDED", error: null, compensations: [] });
    expect(report.states).toEqual([...FORWARD, "MarkCompleted", "PublishCompleted", "Done"]);
    expect(report.transitions).toBeLessThanOrEqual(9);
    expect(ledger.order).toMatchObject({ status: "COMPLETED" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
    expect(ledger.payments).toEqual([
      { status: "CAPTURED", amount: { amount: 2 * PRICE.amount, currency: "EUR" } },
    ]);
    expect(ledger.shipments).toEqual([{ status: "CREATED", trackingNumber: expect.any(String) }]);
    expect(ledger.events).toEqual([
      { detailType: "OrderCompleted", detail: expect.objectContaining({ orderId: order.orderId }) },
    ]);
    expect((await reservationOf(runtime, order.orderId))?.status).toBe("SHIPPED");
  });

  it("rejects an invalid order at ValidateOrder without touching stock or money", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { items: [{ sku, quantity: 0 }] });

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("FAILED");
    expect(report.error).toBe("ValidationError");
    expect(report.states).not.toContain("ReserveInventory");
    expect(report.compensations).toEqual([]);
    expect(ledger.order).toMatchObject({ status: "REJECTED", error: "ValidationError" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments).toEqual([]);
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderRejected"]);
  });

  it("rejects an order for more than the stock at ReserveInventory, holding nothing", async () => {
    // Prepare
    const sku = await freshSku(runtime, 1);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "OutOfStock", compensations: [] });
    expect(report.states).not.toContain("ChargePayment");
    expect(ledger.order).toMatchObject({ status: "REJECTED", error: "OutOfStock" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 1, reserved: 0 } });
    expect(ledger.payments).toEqual([]);
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderRejected"]);
  });

  it("releases the reservation when the card is declined", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { payment: { token: "tok_chargeDeclined" } });

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      status: "FAILED",
      error: "PaymentDeclined",
      compensations: ["ReleaseInventory"],
    });
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "PaymentDeclined" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments.map((p) => p.status)).toEqual(["DECLINED"]);
    expect((await reservationOf(runtime, order.orderId))?.status).toBe("RELEASED");
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderFailed"]);
  });

  it("refunds, then releases, when the shipment fails", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { shippingAddress: US_ADDRESS });

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      status: "FAILED",
      error: "ShipmentFailed",
      compensations: ["RefundPayment", "ReleaseInventory"],
    });
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.shipments).toEqual([]);
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderFailed"]);
  });

  it.each(FORWARD)("retries %s through transient failures and completes the order", async (state) => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, { faults: { [state]: ["transient", "transient"] } });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.steps.find((s) => s.state === state)?.retries).toHaveLength(2);
    expect(report.transitions).toBe(7 + 2);
    expect(ledger.payments.map((p) => p.status)).toEqual(["CAPTURED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
  });

  it("retries compensations that fail transiently until the saga is undone", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { shippingAddress: US_ADDRESS });
    const faults = { RefundPayment: ["transient"], ReleaseInventory: ["transient", "transient"] };

    // Act
    const report = await runtime.start(order, { faults });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.compensations).toEqual(["RefundPayment", "ReleaseInventory"]);
    expect(report.steps.find((s) => s.state === "RefundPayment")?.retries).toHaveLength(1);
    expect(report.steps.find((s) => s.state === "ReleaseInventory")?.retries).toHaveLength(2);
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
  });

  it.each([
    ["an unexpected error", ["error"]],
    // CreateShipment is idempotent, so timeouts are retried (3 retries) before the saga compensates.
    ["timeouts that outlast its retries", ["timeout", "timeout", "timeout", "timeout"]],
  ] as const)("compensates the charge and the reservation after %s in CreateShipment", async (_, faults) => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, { faults: { CreateShipment: [...faults] } });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("FAILED");
    expect(report.compensations).toEqual(["RefundPayment", "ReleaseInventory"]);
    expect(ledger.order).toMatchObject({ status: "FAILED" });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
  });

  it("retries a timed-out CreateShipment and ships exactly once", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, { faults: { CreateShipment: ["timeout"] } });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.steps.find((s) => s.state === "CreateShipment")?.retries).toHaveLength(1);
    expect(ledger.shipments).toHaveLength(1);
    expect(ledger.payments.map((p) => p.status)).toEqual(["CAPTURED"]);
  });

  it("leaves a compensation that keeps failing visible on the order as CompensationFailed", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { shippingAddress: US_ADDRESS });
    const faults = { RefundPayment: Array(9).fill("error") };

    // Act
    const report = await runtime.start(order, { faults });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      status: "FAILED",
      error: "CompensationFailed",
      compensations: ["RefundPayment"],
    });
    expect(report.steps.find((s) => s.state === "RefundPayment")?.retries).toHaveLength(8);
    expect(ledger.order).toMatchObject({
      status: "FAILED",
      error: "ShipmentFailed",
      compensationError: "Error",
    });
    // Stuck on purpose: the money and the stock stay where they are until a person finishes the undo.
    expect(ledger.payments.map((p) => p.status)).toEqual(["CAPTURED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 2 } });
  });

  it("gives one execution and one charge when the same order is started twice", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const [first, second] = await Promise.all([runtime.start(order), runtime.start({ ...order })]);
    const third = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(ledger.payments).toHaveLength(1);
    expect(ledger.events).toHaveLength(1);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
  });

  it("refuses a second start of an order id with a different order", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);
    await runtime.start(order);

    // Act
    const again = runtime.start({ ...order, items: [{ sku, quantity: 1 }] });

    // Assess
    await expect(again).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it("assigns an order id when the input has none", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const { orderId: _, ...order } = orderFor(sku);

    // Act
    const report = await runtime.start(order);

    // Assess
    expect(report.orderId).toMatch(/^ord_/);
    expect(report.status).toBe("SUCCEEDED");
  });

  it("refuses a fault plan naming a state the workflow does not have", async () => {
    // Prepare
    const order = orderFor(await freshSku(runtime, 10));

    // Act
    const run = runtime.start(order, { faults: { ChargeCard: ["transient"] } });

    // Assess
    await expect(run).rejects.toThrow(/unknown state "ChargeCard"; valid states: ValidateOrder/);
  });
});
