import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalRuntime } from "../src/runtime/runtime";
import { freshSku, orderFor, startTestRuntime } from "./support";

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime.stop());

describe("the card-token invariant, read from what an execution left behind", () => {
  it("holds for a completed order: the token went to the provider and is nowhere kept", async () => {
    // Prepare
    const order = orderFor(await freshSku(runtime));
    // Act
    const report = await runtime.start(order);
    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(await runtime.violations(report)).toEqual([]);
  });

  it("names an event of the order that carries the token", async () => {
    // Prepare: a completed order, then an event of it that carries its card token
    const order = orderFor(await freshSku(runtime));
    const report = await runtime.start(order);
    runtime.events.append({
      id: "leak-1",
      time: new Date().toISOString(),
      eventBusName: "test-bus",
      source: "orderflow.orders",
      detailType: "OrderCompleted",
      detail: { orderId: order.orderId, payment: order.payment },
      resources: [],
    });
    // Act
    const violations = await runtime.violations(report);
    // Assess
    expect(violations).toContainEqual({
      invariant: "records",
      message: "the card token is kept in the OrderCompleted event",
    });
  });
});
