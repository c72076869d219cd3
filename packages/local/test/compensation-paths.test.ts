/**
 * The failure paths of the order workflow after a side effect, run locally through the real definition
 * and handlers. They are fence-first: ReleaseInventory runs before anything else and says whether the
 * order shipped after all; only then does RefundPayment give the money back. A compensation that keeps
 * failing ends the order NEEDS_ATTENTION, naming what a person must settle.
 */

import { afterAll, describe, expect, it } from "vitest";
import type { Ledger } from "../src/runtime/ledger";
import {
  freshSku,
  orderFor,
  PRICE,
  recordShippingTo,
  reservationOf,
  startTestRuntime,
  US_ADDRESS,
} from "./support";

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

const FORWARD = ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment"];
/** Fenced, not shipped after all, refunded, every compensation done: FAILED. */
const UNDONE = [
  "ReleaseInventory",
  "CheckShipped",
  "RefundPayment",
  "CheckCompensations",
  "MarkFailed",
  "Failed",
];
/** A compensation gave up: the order is recorded NEEDS_ATTENTION. */
const ATTENTION = ["MarkNeedsAttention", "NeedsAttention"];
const TOTAL = { amount: 2 * PRICE.amount, currency: "EUR" };
/** CreateShipment runs as a container task by default: an unexpected error is ECS's. */
const SHIPMENT_ERROR = "ECS.InvalidParameterException";
/** Enough unexpected errors for a compensation to exhaust its retries (8) and give up. */
const GIVE_UP = Array(9).fill("error");

/** The steps the order names for a person, parsed from the item's `incomplete` JSON. */
const incompleteOf = (ledger: Ledger) => JSON.parse(String(ledger.order?.incomplete));

describe("the order workflow's compensations, fence first, run locally through the real definition and handlers", () => {
  it("releases the reservation, then finds nothing to refund, when the card is declined", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, { payment: { token: "tok_chargeDeclined" } });

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "PaymentDeclined" });
    expect(report.states).toEqual(["ValidateOrder", "ReserveInventory", "ChargePayment", ...UNDONE]);
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(ledger.order).toMatchObject({
      status: "FAILED",
      eventType: "OrderFailed",
      error: "PaymentDeclined",
    });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments).toEqual([{ status: "DECLINED", amount: TOTAL }]);
    expect((await reservationOf(runtime, order.orderId))?.status).toBe("RELEASED");
    expect(ledger.events).toEqual([
      {
        detailType: "OrderFailed",
        detail: { orderId: order.orderId, error: "PaymentDeclined", cause: ledger.order?.cause },
      },
    ]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("releases, then refunds, when CreateShipment fails with ShipmentFailed", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);
    await recordShippingTo(runtime, order, US_ADDRESS);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
    expect(report.states).toEqual([...FORWARD, ...UNDONE]);
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(ledger.order).toMatchObject({
      status: "FAILED",
      error: "ShipmentFailed",
      cause: expect.stringContaining("we do not ship to US"),
    });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments).toEqual([{ status: "REFUNDED", amount: TOTAL }]);
    expect(ledger.shipments).toEqual([]);
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderFailed"]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it.each([
    ["an unexpected error", ["error"], SHIPMENT_ERROR],
    // CreateShipment is idempotent, so timeouts are retried (3 retries) before the saga compensates.
    ["timeouts that outlast its retries", ["timeout", "timeout", "timeout", "timeout"], "States.Timeout"],
  ] as const)("releases, then refunds, after %s in CreateShipment", async (_, faults, error) => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, { faults: { CreateShipment: [...faults] } });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error });
    expect(report.states).toEqual([...FORWARD, ...UNDONE]);
    expect(ledger.order).toMatchObject({ status: "FAILED", error });
    expect(ledger.payments).toEqual([{ status: "REFUNDED", amount: TOTAL }]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderFailed"]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("retries compensations that fail transiently until the saga is undone", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);
    const faults = {
      CreateShipment: ["error"],
      ReleaseInventory: ["transient", "transient"],
      RefundPayment: ["transient"],
    };

    // Act
    const report = await runtime.start(order, { faults });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(report.steps.find((s) => s.state === "ReleaseInventory")?.retries).toHaveLength(2);
    expect(report.steps.find((s) => s.state === "RefundPayment")?.retries).toHaveLength(1);
    expect(ledger.order).toMatchObject({ status: "FAILED", error: SHIPMENT_ERROR });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
  });

  it("completes an order that shipped although CreateShipment's answers were lost, refunding nothing", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, {
      faults: { CreateShipment: ["lost", "lost", "lost", "lost"] },
    });
    const ledger = await runtime.ledger(order.orderId);

    // Assess: the release found the reservation shipped, so the order completes with its shipment
    expect(report.status).toBe("SUCCEEDED");
    expect(report.states).toEqual([
      ...FORWARD,
      "ReleaseInventory",
      "CheckShipped",
      "GetShipment",
      "MarkCompleted",
    ]);
    expect(report.compensations).toEqual(["ReleaseInventory"]);
    expect(report.output).toMatchObject({ release: { outcome: "ALREADY_SHIPPED" } });
    const trackingNumber = ledger.shipments[0]?.trackingNumber;
    expect(ledger.shipments).toEqual([{ status: "CREATED", trackingNumber: expect.any(String) }]);
    expect(ledger.payments).toEqual([{ status: "CAPTURED", amount: TOTAL }]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 0 } });
    expect(ledger.order).toMatchObject({ status: "COMPLETED", trackingNumber });
    expect(ledger.events).toEqual([
      { detailType: "OrderCompleted", detail: { orderId: order.orderId, total: TOTAL, trackingNumber } },
    ]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("ends NEEDS_ATTENTION, the stock released and the capture named for a person, when the refund keeps failing", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, {
      faults: { CreateShipment: ["error"], RefundPayment: GIVE_UP },
    });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "NeedsAttention" });
    expect(report.states).toEqual([
      ...FORWARD,
      "ReleaseInventory",
      "CheckShipped",
      "RefundPayment",
      ...ATTENTION,
    ]);
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(report.steps.find((s) => s.state === "RefundPayment")?.retries).toHaveLength(8);
    expect(ledger.order).toMatchObject({
      status: "NEEDS_ATTENTION",
      eventType: "OrderNeedsAttention",
      error: SHIPMENT_ERROR,
    });
    expect(incompleteOf(ledger)).toEqual({
      RefundPayment: { Error: "Error", Cause: expect.stringContaining("RefundPayment") },
    });
    // The release ran first, so the stock is back; the money waits for the person.
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments).toEqual([{ status: "CAPTURED", amount: TOTAL }]);
    expect(ledger.events).toEqual([
      {
        detailType: "OrderNeedsAttention",
        detail: {
          orderId: order.orderId,
          error: SHIPMENT_ERROR,
          cause: ledger.order?.cause,
          incomplete: ledger.order?.incomplete,
        },
      },
    ]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("holds the refund for a person when the release keeps failing after the charge (the order may still ship)", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, {
      faults: { CreateShipment: ["error"], ReleaseInventory: GIVE_UP },
    });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "FAILED", error: "NeedsAttention" });
    expect(report.states).toEqual([
      ...FORWARD,
      "ReleaseInventory",
      "SafeToRefund",
      "HoldRefund",
      ...ATTENTION,
    ]);
    expect(report.compensations).toEqual(["ReleaseInventory"]);
    expect(ledger.order).toMatchObject({ status: "NEEDS_ATTENTION", error: SHIPMENT_ERROR });
    expect(incompleteOf(ledger)).toEqual({
      ReleaseInventory: { Error: "Error", Cause: expect.stringContaining("ReleaseInventory") },
      RefundPayment: { Error: "RefundHeld", Cause: expect.any(String) },
    });
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 2 } });
    expect(ledger.payments).toEqual([{ status: "CAPTURED", amount: TOTAL }]);
    expect((await reservationOf(runtime, order.orderId))?.status).toBe("HELD");
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderNeedsAttention"]);
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("still fences the charge when the release keeps failing before anything was charged", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act
    const report = await runtime.start(order, {
      faults: { ChargePayment: ["error"], ReleaseInventory: GIVE_UP },
    });
    const ledger = await runtime.ledger(order.orderId);

    // Assess: no charge is recorded, so no shipment can be on its way and the refund runs
    expect(report).toMatchObject({ status: "FAILED", error: "NeedsAttention" });
    expect(report.states).toEqual([
      "ValidateOrder",
      "ReserveInventory",
      "ChargePayment",
      "ReleaseInventory",
      "SafeToRefund",
      "RefundPayment",
      "CheckCompensations",
      ...ATTENTION,
    ]);
    expect(report.compensations).toEqual(["ReleaseInventory", "RefundPayment"]);
    expect(ledger.order).toMatchObject({ status: "NEEDS_ATTENTION", error: "Error" });
    expect(incompleteOf(ledger)).toEqual({
      ReleaseInventory: { Error: "Error", Cause: expect.stringContaining("ReleaseInventory") },
    });
    // The refund's tombstone: no late charge run can capture now.
    expect(ledger.payments).toEqual([{ status: "VOIDED" }]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 8, reserved: 2 } });
    expect(ledger.events.map((e) => e.detailType)).toEqual(["OrderNeedsAttention"]);
    expect(await runtime.violations(report)).toEqual([]);
  });
});
