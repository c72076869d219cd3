import { describe, expect, it } from "vitest";
import { checkInvariants } from "../src/invariants/check";
import type { OrderFacts } from "../src/invariants/facts";

const EUR = (amount: number) => ({ amount, currency: "EUR" });

/** A completed order: charged its total once, shipped, stock handed over, announced. */
const completed: OrderFacts = {
  orderId: "ord_1",
  execution: {
    status: "SUCCEEDED",
    states: ["ValidateOrder", "ReserveInventory", "ChargePayment", "CreateShipment", "MarkCompleted"],
    compensations: [],
    failedCompensations: [],
    // As the definition has it: the release runs first, and a release that gives up leads to the refund.
    compensationAfter: { ReleaseInventory: "RefundPayment", RefundPayment: undefined },
  },
  total: EUR(2500),
  order: { status: "COMPLETED" },
  payment: { status: "CAPTURED", amount: EUR(2500), chargeId: "ch_1" },
  provider: { status: "CAPTURED", amount: EUR(2500), chargeId: "ch_1" },
  reservation: { status: "SHIPPED", heldLines: 0, items: [{ sku: "SKU-A", quantity: 2 }] },
  shipment: { trackingNumber: "DHL000000000001" },
  stock: { "SKU-A": { initial: 10, available: 8, reserved: 0, shipped: 2 } },
  events: [{ detailType: "OrderCompleted" }],
  tokenFoundIn: [],
};

/** A failed order whose compensations ran: released, refunded, announced. */
const failed: OrderFacts = {
  ...completed,
  execution: {
    ...completed.execution,
    status: "FAILED",
    compensations: ["ReleaseInventory", "RefundPayment"],
  },
  order: { status: "FAILED", error: "States.Timeout", cause: "CreateShipment did not answer" },
  payment: { status: "REFUNDED", amount: EUR(2500), chargeId: "ch_1" },
  provider: { status: "REFUNDED", amount: EUR(2500), chargeId: "ch_1" },
  reservation: { status: "RELEASED", heldLines: 0, items: [{ sku: "SKU-A", quantity: 2 }] },
  shipment: null,
  stock: { "SKU-A": { initial: 10, available: 10, reserved: 0, shipped: 0 } },
  events: [{ detailType: "OrderFailed" }],
};

describe("checkInvariants", () => {
  it.each([
    ["completed", completed],
    ["failed and compensated", failed],
  ])("finds nothing wrong with a %s order", (_, facts) => {
    expect(checkInvariants(facts)).toEqual([]);
  });

  it.each<[string, OrderFacts, string, RegExp]>([
    [
      "a shipped order refunded",
      { ...completed, provider: failed.provider, payment: failed.payment },
      "goods",
      /shipped and was refunded/,
    ],
    [
      "a shipped order charged short",
      { ...completed, provider: { status: "CAPTURED", amount: EUR(100), chargeId: "ch_1" } },
      "money",
      /charged 100, not its total 2500/,
    ],
    [
      "money kept for what did not ship",
      { ...failed, provider: completed.provider },
      "money",
      /did not ship but 2500 stayed captured/,
    ],
    [
      "a capture the payments table does not know",
      { ...completed, payment: null },
      "money",
      /does not record/,
    ],
    [
      "stock lost",
      { ...failed, stock: { "SKU-A": { initial: 10, available: 9, reserved: 0, shipped: 0 } } },
      "goods",
      /is 9, not the 10 seeded/,
    ],
    [
      "stock left reserved",
      { ...failed, reservation: { status: "HELD", heldLines: 1, items: [] } },
      "goods",
      /still holds 1 line/,
    ],
    [
      "an order left PENDING",
      { ...failed, order: { status: "PENDING" } },
      "records",
      /not in a terminal status/,
    ],
    [
      "a failed order without a cause",
      { ...failed, order: { status: "FAILED" } },
      "records",
      /without a cause/,
    ],
    [
      "a contradicting event",
      { ...failed, events: [{ detailType: "OrderFailed" }, { detailType: "OrderCompleted" }] },
      "records",
      /OrderCompleted event contradicts/,
    ],
    ["no event", { ...failed, events: [] }, "records", /no OrderFailed event/],
    [
      "a card token kept after the charge",
      { ...completed, tokenFoundIn: ["the OrderCompleted event"] },
      "records",
      /the card token is kept in the OrderCompleted event/,
    ],
    [
      "a compensation that gave up unnamed",
      { ...failed, execution: { ...failed.execution, failedCompensations: ["RefundPayment"] } },
      "compensation",
      /RefundPayment gave up but the order does not name it/,
    ],
    [
      "a release that gave up and silently skipped the refund",
      {
        ...failed,
        execution: {
          ...failed.execution,
          compensations: ["ReleaseInventory"],
          failedCompensations: ["ReleaseInventory"],
        },
        order: { status: "NEEDS_ATTENTION", cause: "release refused", incomplete: ["ReleaseInventory"] },
        events: [{ detailType: "OrderNeedsAttention" }],
      },
      "compensation",
      /ReleaseInventory gave up and RefundPayment neither ran after it nor is named for a person/,
    ],
  ])("reports %s", (_, facts, invariant, message) => {
    // Act
    const violations = checkInvariants(facts);

    // Assess
    expect(violations).toContainEqual({ invariant, message: expect.stringMatching(message) });
  });

  it("accepts a refund held for a person after the release gave up, the stock and the capture left as they are", () => {
    // Prepare: the release gave up after the capture, so the order is not fenced and the refund is held
    const held: OrderFacts = {
      ...completed,
      execution: {
        ...completed.execution,
        status: "FAILED",
        compensations: ["ReleaseInventory"],
        failedCompensations: ["ReleaseInventory"],
      },
      order: {
        status: "NEEDS_ATTENTION",
        cause: "CreateShipment did not answer",
        incomplete: ["ReleaseInventory", "RefundPayment"],
      },
      reservation: { status: "HELD", heldLines: 1, items: [{ sku: "SKU-A", quantity: 2 }] },
      shipment: null,
      stock: { "SKU-A": { initial: 10, available: 8, reserved: 2, shipped: 0 } },
      events: [{ detailType: "OrderNeedsAttention" }],
    };

    // Act / Assess
    expect(checkInvariants(held)).toEqual([]);
  });

  it("lets a person settle what the order names for them, and only that", () => {
    // Prepare: the release ran first, then the refund gave up
    const needsAttention: OrderFacts = {
      ...failed,
      execution: { ...failed.execution, failedCompensations: ["RefundPayment"] },
      order: {
        status: "NEEDS_ATTENTION",
        cause: "the provider refused the refund",
        incomplete: ["RefundPayment"],
      },
      payment: completed.payment,
      provider: completed.provider,
      events: [{ detailType: "OrderNeedsAttention" }],
    };

    // Act / Assess
    expect(checkInvariants(needsAttention)).toEqual([]);
    expect(
      checkInvariants({ ...needsAttention, reservation: { status: "HELD", heldLines: 1, items: [] } }),
    ).toContainEqual({ invariant: "goods", message: expect.stringMatching(/still holds/) });
  });
});
