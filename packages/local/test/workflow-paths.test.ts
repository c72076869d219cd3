/**
 * The forward path of the order workflow, run locally through the real definition and handlers: the
 * happy path, the rejections, retries, recording through the outbox and the reconciler, and starting an
 * order more than once. The failure paths after a side effect are in compensation-paths.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ExecutionAlreadyExists } from "../src/runtime/execution";
import { freshSku, orderFor, PRICE, reservationOf, startTestRuntime, US_ADDRESS } from "./support";

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"];
const TOTAL = { amount: 2 * PRICE.amount, currency: "EUR" };

describe("the order workflow's forward path, run locally through the real definition and handlers", () => {
  it("completes a valid order in five states: stock shipped, one capture, one shipment, its event from the orders item", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "SUCCEEDED", error: null, compensations: [], transitions: 5 });
    expect(report.states).toEqual([...FORWARD, "MarkCompleted"]);
    const trackingNumber = ledger.shipments[0]?.trackingNumber;
    expect(ledger.shipments).toEqual([{ status: "CREATED", trackingNumber: expect.any(String) }]);
    expect(ledger.order).toMatchObject({
      status: "COMPLETED",
      eventType: "OrderCompleted",
      total: TOTAL,
      trackingNumber,
    });
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
    expect(ledger.payments).toEqual([{ status: "CAPTURED", amount: TOTAL }]);
    // No state publishes: the outbox announces what the status write put on the item.
    expect(ledger.events).toEqual([
      { detailType: "OrderCompleted", detail: { orderId: order.orderId, total: TOTAL, trackingNumber } },
    ]);
    expect((await reservationOf(runtime, order.orderId))?.status).toBe("SHIPPED");
    expect(await runtime.violations(report)).toEqual([]);
  });

  it.each([
    ["an invalid order", (sku: string) => ({ items: [{ sku, quantity: 0 }] }), "items[0].quantity"],
    ["an order to a country we do not ship to", () => ({ shippingAddress: US_ADDRESS }), "we do not ship"],
  ])("rejects %s at ValidateOrder without touching stock or money", async (_, changes, reason) => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, changes(sku));

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "ValidationError", compensations: [] });
    expect(report.states).toEqual(["ValidateOrder", "MarkRejected", "Rejected"]);
    expect(ledger.order).toMatchObject({
      status: "REJECTED",
      eventType: "OrderRejected",
      error: "ValidationError",
      cause: expect.stringContaining(reason),
    });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments).toEqual([]);
    expect(await reservationOf(runtime, order.orderId)).toBeUndefined();
    expect(ledger.events).toEqual([
      {
        detailType: "OrderRejected",
        detail: { orderId: order.orderId, error: "ValidationError", cause: ledger.order?.cause },
      },
    ]);
    expect(await runtime.violations(report)).toEqual([]);
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
    expect(report.states).toEqual(["ValidateOrder", "ReserveInventory", "MarkRejected", "Rejected"]);
    expect(ledger.order).toMatchObject({ status: "REJECTED", error: "OutOfStock" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 1, reserved: 0 } });
    expect(ledger.payments).toEqual([]);
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderRejected"]);
    expect(await runtime.violations(report)).toEqual([]);
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
    expect(report.transitions).toBe(5 + 2);
    expect(ledger.payments.map((p) => p.status)).toEqual(["CAPTURED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderCompleted"]);
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

  it("leaves an order whose status write gave up PENDING and unannounced, until the reconciler records it", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);
    const report = await runtime.start(order, { faults: { MarkCompleted: ["error"] } });
    const before = await runtime.ledger(order.orderId);

    // Act
    const reconciled = await runtime.reconcile({ olderThanMinutes: 0 });
    const after = await runtime.ledger(order.orderId);

    // Assess: the outcome was decided (shipped and charged), only its record was missing
    expect(report).toMatchObject({ status: "FAILED", error: "RecordingFailed" });
    expect(report.states).toEqual([...FORWARD, "MarkCompleted", "RecordingFailed"]);
    expect(before.order).toMatchObject({ status: "PENDING" });
    expect(before.events).toEqual([]);
    expect(reconciled.outcomes).toMatchObject({ [order.orderId]: "replayed" });
    expect(after.order).toMatchObject({ status: "COMPLETED", eventType: "OrderCompleted" });
    expect(after.events).toEqual([
      {
        detailType: "OrderCompleted",
        detail: { orderId: order.orderId, total: TOTAL, trackingNumber: after.shipments[0]?.trackingNumber },
      },
    ]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("gives one execution, one charge and one event when the same order is started twice", async () => {
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
