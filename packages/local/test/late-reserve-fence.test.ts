/**
 * A reserve that Step Functions gave up on but that still runs, after the compensation: the release's
 * tombstone is what stops it, through the real definition, the real handlers and DynamoDB Local.
 */
import { afterAll, describe, expect, it } from "vitest";
import { freshSku, orderFor, reservationOf, startTestRuntime } from "./support";

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

describe("a reserve that lands after the release", () => {
  it("holds nothing: the release fenced the order off with a tombstone", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku);

    // Act: the reserve times out at once and its work runs only after ReleaseInventory was left.
    const report = await runtime.start(order, { faults: { ReserveInventory: ["late", "error"] } });
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report.states.slice(0, 3)).toEqual(["ValidateOrder", "ReserveInventory", "ReleaseInventory"]);
    expect(report.status).toBe("FAILED");
    expect(await runtime.violations(report)).toEqual([]);
    expect(await reservationOf(runtime, order.orderId)).toMatchObject({ status: "RELEASED", items: [] });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
  });
});
