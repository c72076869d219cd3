import {
  type ChargePaymentInput,
  newOrderId,
  PaymentDeclined,
  PaymentProcessingError,
} from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import {
  dynamoPaymentLedger,
  type PaymentGateway,
  SANDBOX_TOKENS,
  sandboxGateway,
} from "@orderflow/payments";
import { interleaving, meanwhile, paymentRows, sandboxBooks } from "@orderflow/payments/testing";
import { documentClient } from "@orderflow/task-kit";
import { describe, expect, it, vi } from "vitest";
import { type ChargePaymentDeps, chargePayment } from "../src/core";
import input from "./fixtures/charge-input.json" with { type: "json" };

const db = await useLocalTables(["payments", "gateway"]);
const rows = paymentRows(db);
const books = sandboxBooks(db);
const clock = new Date("2030-01-02T03:04:05.000Z");
const voidedAt = "2030-01-02T03:04:06.000Z";

/** The real payments table and a fresh sandbox on DynamoDB Local, so a test may spy on either. */
const realDeps = (): ChargePaymentDeps => ({
  gateway: sandboxGateway(books.ledger),
  ledger: dynamoPaymentLedger(documentClient(), db.names.payments),
  now: () => clock,
});
const orderWith = (paymentToken: string = SANDBOX_TOKENS.approved): ChargePaymentInput => ({
  ...input,
  orderId: newOrderId(),
  paymentToken,
});

/** What refund-payment's compensation does to a charge not yet captured: fence the row, release the hold. */
async function compensate({ gateway, ledger }: ChargePaymentDeps, orderId: string) {
  await ledger.move(orderId, ["PENDING", "AUTHORIZED"], "VOIDED", { voidedAt });
  const record = await ledger.get(orderId);
  if (record && "chargeId" in record && record.chargeId) {
    await gateway.void({ chargeKey: orderId, chargeId: record.chargeId });
  }
}

/** The payments row's status at each call of the provider's `method`, as the provider is asked. */
function rowAtEach(gateway: PaymentGateway, method: "authorize" | "capture") {
  const seen: unknown[] = [];
  const real = gateway[method].bind(gateway) as (request: never) => Promise<never>;
  vi.spyOn(gateway, method).mockImplementation(async (request: { chargeKey: string }) => {
    seen.push((await rows.get(request.chargeKey))?.status);
    return real(request as never);
  });
  return seen;
}

const compensated = (orderId: string, status: string) =>
  `the charge of order ${orderId} is ${status}: the order was compensated, so nothing is charged; place a new order`;

describe("chargePayment, one run", () => {
  it("records each step before the next: intent PENDING, hold AUTHORIZED, then CAPTURED, keyed by the order id", async () => {
    // Prepare
    const deps = realDeps();
    const order = orderWith();
    const atAuthorize = rowAtEach(deps.gateway, "authorize");
    const atCapture = rowAtEach(deps.gateway, "capture");

    // Act
    const charge = await chargePayment(order, deps);

    // Assess
    expect(charge).toEqual({
      orderId: order.orderId,
      chargeId: expect.stringMatching(/^ch_sandbox_/),
      amount: order.amount,
      status: "CAPTURED",
      createdAt: clock.toISOString(),
    });
    expect([atAuthorize, atCapture]).toEqual([["PENDING"], ["AUTHORIZED"]]);
    expect(deps.gateway.authorize).toHaveBeenCalledExactlyOnceWith({
      chargeKey: order.orderId,
      customerId: order.customerId,
      amount: order.amount,
      paymentToken: order.paymentToken,
    });
    expect(await rows.all(order.orderId)).toEqual([{ ...charge, customerId: order.customerId }]);
    expect(await books.get(order.orderId)).toMatchObject({ chargeId: charge.chargeId, status: "CAPTURED" });
  });

  it.each([
    [SANDBOX_TOKENS.declined, "card_declined"],
    [SANDBOX_TOKENS.insufficientFunds, "insufficient_funds"],
    ["tok_unknownCard", "unknown_test_card"],
  ])("records the decline of %s (%s), holds nothing and throws PaymentDeclined", async (token, reason) => {
    // Prepare
    const order = orderWith(token);

    // Act
    const attempt = chargePayment(order, realDeps());

    // Assess
    await expect(attempt).rejects.toThrow(new PaymentDeclined(reason));
    await expect(attempt).rejects.toHaveProperty("reason", reason);
    expect(await rows.get(order.orderId)).toMatchObject({ status: "DECLINED", declineReason: reason });
    expect(await books.net(order.orderId)).toBe(0);
  });

  it("throws the first decline again on a repeat, even with a good card, without asking the provider", async () => {
    // Prepare
    const order = orderWith(SANDBOX_TOKENS.insufficientFunds);
    await expect(chargePayment(order, realDeps())).rejects.toBeInstanceOf(PaymentDeclined);
    const deps = realDeps();
    vi.spyOn(deps.gateway, "authorize");

    // Act
    const repeat = chargePayment({ ...order, paymentToken: SANDBOX_TOKENS.approved }, deps);

    // Assess
    await expect(repeat).rejects.toThrow(new PaymentDeclined("insufficient_funds"));
    expect(deps.gateway.authorize).not.toHaveBeenCalled();
  });

  it("returns the first charge on a repeat with another amount, without asking the provider", async () => {
    // Prepare
    const order = orderWith();
    const first = await chargePayment(order, realDeps());
    const deps = realDeps();
    vi.spyOn(deps.gateway, "authorize");
    vi.spyOn(deps.gateway, "capture");

    // Act
    const repeat = await chargePayment({ ...order, amount: { amount: 1, currency: "EUR" } }, deps);

    // Assess
    expect(repeat).toEqual(first);
    expect(deps.gateway.authorize).not.toHaveBeenCalled();
    expect(deps.gateway.capture).not.toHaveBeenCalled();
  });

  it("leaves the intent PENDING when the provider cannot hold right now; the retry charges the recorded amount", async () => {
    // Prepare
    const order = orderWith(SANDBOX_TOKENS.processingError);

    // Act
    const outage = chargePayment(order, realDeps());
    await expect(outage).rejects.toBeInstanceOf(PaymentProcessingError);
    const pending = await rows.get(order.orderId);
    const retry = await chargePayment(
      { ...order, paymentToken: SANDBOX_TOKENS.approved, amount: { amount: 1, currency: "EUR" } },
      { ...realDeps(), now: () => new Date("2031-01-01T00:00:00.000Z") },
    );

    // Assess
    expect(pending).toEqual({
      ...order,
      paymentToken: undefined,
      status: "PENDING",
      createdAt: clock.toISOString(),
    });
    expect(retry).toMatchObject({ status: "CAPTURED", amount: order.amount, createdAt: clock.toISOString() });
    expect(await books.net(order.orderId)).toBe(order.amount.amount);
  });

  it("leaves the hold AUTHORIZED when the provider cannot capture right now; the retry captures it once", async () => {
    // Prepare
    const order = orderWith();
    const deps = realDeps();
    vi.spyOn(deps.gateway, "capture").mockRejectedValueOnce(new PaymentProcessingError("try later"));

    // Act
    await expect(chargePayment(order, deps)).rejects.toBeInstanceOf(PaymentProcessingError);
    const held = { row: await rows.get(order.orderId), books: await books.get(order.orderId) };
    const retry = await chargePayment(order, realDeps());

    // Assess
    expect(held.row).toMatchObject({ status: "AUTHORIZED", chargeId: held.books?.chargeId });
    expect(held.books?.status).toBe("AUTHORIZED");
    expect(retry).toMatchObject({ status: "CAPTURED", chargeId: held.books?.chargeId });
    expect(await books.net(order.orderId)).toBe(order.amount.amount);
  });

  it.each([
    ["the hold", "PENDING", "AUTHORIZED"],
    ["the capture", "AUTHORIZED", "CAPTURED"],
  ] as const)(
    "completes a charge whose answer of %s was lost, learning it from the provider by key",
    async (_, row, provider) => {
      // Prepare
      const order = orderWith();
      const chargeId = `ch_lost_${order.orderId}`;
      const { paymentToken: __, ...base } = order;
      await rows.put({
        ...base,
        status: row,
        createdAt: clock.toISOString(),
        ...(row === "AUTHORIZED" && { chargeId }),
      });
      await books.put({ chargeKey: order.orderId, chargeId, status: provider, amount: order.amount });

      // Act
      const charge = await chargePayment(order, realDeps());

      // Assess
      expect(charge).toMatchObject({ chargeId, status: "CAPTURED" });
      expect(await books.get(order.orderId)).toMatchObject({ chargeId, status: "CAPTURED" });
    },
  );

  it("fails, without recording a capture, when the provider refuses to capture for another reason", async () => {
    // Prepare
    const order = orderWith();
    const { paymentToken: _, ...base } = order;
    await rows.put({ ...base, status: "AUTHORIZED", chargeId: "ch_unknown", createdAt: clock.toISOString() });

    // Act
    const attempt = chargePayment(order, realDeps());

    // Assess
    await expect(attempt).rejects.toThrow(`the sandbox has no authorized charge ${order.orderId} to capture`);
    expect(await rows.get(order.orderId)).toMatchObject({ status: "AUTHORIZED" });
  });
});

describe("chargePayment after the compensation fenced the order", () => {
  it.each([
    ["VOIDED", { status: "VOIDED", voidedAt }],
    [
      "REFUNDED",
      {
        status: "REFUNDED",
        customerId: input.customerId,
        amount: input.amount,
        createdAt: clock.toISOString(),
        chargeId: "ch_1",
        refundId: "re_1",
        refundedAt: voidedAt,
      },
    ],
  ])(
    "refuses an order whose row is %s with an Error saying it was compensated, asking the provider nothing",
    async (status, row) => {
      // Prepare
      const order = orderWith();
      await rows.put({ orderId: order.orderId, ...row });
      const deps = realDeps();
      vi.spyOn(deps.gateway, "authorize");

      // Act
      const attempt = chargePayment(order, deps);

      // Assess
      await expect(attempt).rejects.toMatchObject({
        name: "Error",
        message: compensated(order.orderId, status),
      });
      expect(deps.gateway.authorize).not.toHaveBeenCalled();
      expect(await rows.get(order.orderId)).toEqual({ orderId: order.orderId, ...row });
    },
  );

  it.each([
    ["releases the hold it was given", SANDBOX_TOKENS.approved, "VOIDED"],
    ["keeps the fence when its answer is a decline", SANDBOX_TOKENS.declined, "DECLINED"],
  ])("stops a late run fenced while the provider answered it, and %s", async (_, token, provider) => {
    // Prepare
    const order = orderWith(token);
    const deps = realDeps();
    const late = {
      ...deps,
      gateway: meanwhile(deps.gateway, "authorize", () => compensate(deps, order.orderId)),
    };

    // Act
    const attempt = chargePayment(order, late);

    // Assess
    await expect(attempt).rejects.toThrow(compensated(order.orderId, "VOIDED"));
    expect(await books.get(order.orderId)).toMatchObject({ status: provider });
    expect(await rows.get(order.orderId)).toMatchObject({ status: "VOIDED", voidedAt });
  });

  it("does not capture a hold the compensation voided after it was recorded", async () => {
    // Prepare
    const order = orderWith();
    const deps = realDeps();
    const late = { ...deps, ledger: meanwhile(deps.ledger, "move", () => compensate(deps, order.orderId)) };

    // Act
    const attempt = chargePayment(order, late);

    // Assess
    await expect(attempt).rejects.toThrow(compensated(order.orderId, "VOIDED"));
    expect(await books.get(order.orderId)).toMatchObject({ status: "VOIDED" });
    expect(await books.net(order.orderId)).toBe(0);
  });

  it("leaves a capture the fence came right after to the compensation, with the charge id on the fenced row", async () => {
    // Prepare
    const order = orderWith();
    const deps = realDeps();
    const fence = () => deps.ledger.move(order.orderId, ["AUTHORIZED"], "VOIDED", { voidedAt });
    const late = { ...deps, gateway: meanwhile(deps.gateway, "capture", fence) };

    // Act
    const attempt = chargePayment(order, late);

    // Assess
    await expect(attempt).rejects.toThrow(compensated(order.orderId, "VOIDED"));
    const captured = await books.get(order.orderId);
    expect(captured?.status).toBe("CAPTURED");
    expect(await rows.get(order.orderId)).toMatchObject({ status: "VOIDED", chargeId: captured?.chargeId });
  });
});

describe("concurrent charges of one order", () => {
  it.each([
    ["in lockstep", []],
    ["one waiting for the other's hold", [0, 0, 0, 0, 1, 1]],
    ["one overtaking the other", [1, 1, 1, 0, 0, 1, 0]],
    ["capturing together", [0, 1, 0, 1, 0, 0, 1, 1, 0, 1]],
  ])("capture once and answer the same charge: %s", async (_, picks) => {
    // Prepare
    const order = orderWith();
    const schedule = interleaving(picks);
    const run = (label: string) => {
      const deps = realDeps();
      const gated = {
        ...deps,
        gateway: schedule.gate(deps.gateway, label),
        ledger: schedule.gate(deps.ledger, label),
      };
      return () => chargePayment(order, gated);
    };

    // Act
    const [a, b] = await schedule.run([run("a"), run("b")]);

    // Assess
    expect(a).toMatchObject({ status: "fulfilled" });
    expect(b).toEqual(a);
    expect(await rows.all(order.orderId)).toHaveLength(1);
    expect(await books.get(order.orderId)).toMatchObject({ status: "CAPTURED" });
  });

  it("lets both runs race to write the first record, in lockstep, and charges once", async () => {
    // Prepare
    const order = orderWith();
    const schedule = interleaving([]);
    const gated = (deps: ChargePaymentDeps) => ({ ...deps, ledger: schedule.gate(deps.ledger, "ledger") });

    // Act
    await schedule.run([
      () => chargePayment(order, gated(realDeps())),
      () => chargePayment(order, gated(realDeps())),
    ]);

    // Assess
    expect(schedule.trace.slice(0, 2)).toEqual(["ledger.putFirst", "ledger.putFirst"]);
    expect(await rows.all(order.orderId)).toHaveLength(1);
    expect(await books.get(order.orderId)).toMatchObject({ status: "CAPTURED" });
  });

  it("finishes a charge that another run started while this one holds it", async () => {
    // Prepare
    const order = orderWith();
    const deps = realDeps();
    let other: unknown;
    const first = {
      ...deps,
      ledger: meanwhile(deps.ledger, "move", async () => {
        other = await chargePayment(order, realDeps());
      }),
    };

    // Act
    const charge = await chargePayment(order, first);

    // Assess
    expect(other).toEqual(charge);
    expect(await books.get(order.orderId)).toMatchObject({ status: "CAPTURED", chargeId: charge.chargeId });
  });
});
