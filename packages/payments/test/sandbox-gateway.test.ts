import { newOrderId, PaymentProcessingError } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuthorizeRequest, ChargeVoided, NothingCaptured } from "../src/gateway";
import { SANDBOX_TOKENS, sandboxGateway, UNKNOWN_CARD_REASON } from "../src/sandbox-gateway";
import { sandboxBooks } from "../testing";

const db = await useLocalTables(["gateway"]);
const books = sandboxBooks(db);
const gateway = sandboxGateway(books.ledger);

const amount = { amount: 1250, currency: "EUR" };
const hold = (paymentToken: string, chargeKey = newOrderId()): AuthorizeRequest => ({
  chargeKey,
  customerId: "cus_1",
  amount,
  paymentToken,
});
const knownTokens = new Set<string>(Object.values(SANDBOX_TOKENS));

/** A charge the sandbox holds, ready to be captured, voided or refunded. */
async function held() {
  const request = hold(SANDBOX_TOKENS.approved);
  const answer = await gateway.authorize(request);
  if (answer.status !== "AUTHORIZED") throw new Error(`tok_visa was not authorized: ${answer.status}`);
  return { chargeKey: request.chargeKey, chargeId: answer.chargeId };
}

const refundOf = (
  charge: { chargeKey: string; chargeId: string },
  refundKey = `refund-${charge.chargeKey}`,
) => ({
  ...charge,
  refundKey,
  amount,
});

describe("sandbox gateway: authorize", () => {
  it("holds the amount for tok_visa and books the hold under the charge key", async () => {
    // Prepare
    const request = hold(SANDBOX_TOKENS.approved);

    // Act
    const answer = await gateway.authorize(request);

    // Assess
    expect(answer).toEqual({
      status: "AUTHORIZED",
      chargeId: expect.stringMatching(/^ch_sandbox_[0-9a-f]{24}$/),
    });
    expect(await books.get(request.chargeKey)).toEqual({
      chargeKey: request.chargeKey,
      chargeId: answer.status === "AUTHORIZED" && answer.chargeId,
      status: "AUTHORIZED",
      amount,
    });
  });

  it.each([
    [SANDBOX_TOKENS.declined, "card_declined"],
    [SANDBOX_TOKENS.insufficientFunds, "insufficient_funds"],
  ])("declines %s with reason %s and books the decline", async (token, reason) => {
    // Prepare
    const request = hold(token);

    // Act
    const answer = await gateway.authorize(request);

    // Assess
    expect(answer).toEqual({ status: "DECLINED", reason });
    expect(await books.get(request.chargeKey)).toMatchObject({ status: "DECLINED", declineReason: reason });
  });

  it("declines every other token as an unknown test card, prototype keys included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom("constructor", "__proto__", "toString"), fc.string()),
        async (token) => {
          fc.pre(!knownTokens.has(token));
          // Act
          const answer = await gateway.authorize(hold(token));

          // Assess
          expect(answer).toEqual({ status: "DECLINED", reason: UNKNOWN_CARD_REASON });
        },
      ),
      { numRuns: 50 },
    );
  });

  it("fails tok_processingError with a retryable PaymentProcessingError every time, booking nothing", async () => {
    // Prepare
    const request = hold(SANDBOX_TOKENS.processingError);

    // Act
    const attempts = await Promise.allSettled([1, 2, 3].map(() => gateway.authorize(request)));

    // Assess
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "rejected", reason: expect.any(PaymentProcessingError) });
      expect((attempt as PromiseRejectedResult).reason.name).toBe("PaymentProcessingError");
    }
    expect(await books.get(request.chargeKey)).toBeUndefined();
  });

  it("answers a repeat of one key, however concurrent, with the first charge's answer and books one charge", async () => {
    // Prepare
    const chargeKey = newOrderId();

    // Act
    const answers = await Promise.all([
      gateway.authorize(hold(SANDBOX_TOKENS.approved, chargeKey)),
      gateway.authorize(hold(SANDBOX_TOKENS.approved, chargeKey)),
      gateway.authorize(hold(SANDBOX_TOKENS.approved, chargeKey)),
    ]);
    const other = await gateway.authorize(hold(SANDBOX_TOKENS.approved));

    // Assess
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(other).not.toEqual(answers[0]);
  });

  it("keeps the first answer for a key whatever a repeat asks: a decline stays declined", async () => {
    // Prepare
    const declined = hold(SANDBOX_TOKENS.declined);
    await gateway.authorize(declined);

    // Act
    const repeat = await gateway.authorize({ ...declined, paymentToken: SANDBOX_TOKENS.approved });

    // Assess
    expect(repeat).toEqual({ status: "DECLINED", reason: "card_declined" });
  });

  it("answers a repeat with the charge as it is now: captured, voided, or captured once refunded", async () => {
    // Prepare
    const [captured, voided, refunded] = await Promise.all([held(), held(), held()]);
    await gateway.capture(captured);
    await gateway.void(voided);
    await gateway.capture(refunded);
    await gateway.refund(refundOf(refunded));

    // Act
    const answers = await Promise.all(
      [captured, voided, refunded].map(({ chargeKey }) =>
        gateway.authorize(hold(SANDBOX_TOKENS.approved, chargeKey)),
      ),
    );

    // Assess
    expect(answers).toEqual([
      { status: "CAPTURED", chargeId: captured.chargeId },
      { status: "VOIDED", chargeId: voided.chargeId },
      { status: "CAPTURED", chargeId: refunded.chargeId },
    ]);
  });
});

describe("sandbox gateway: capture and void", () => {
  it("captures a hold once: a repeated capture changes nothing", async () => {
    // Prepare
    const charge = await held();

    // Act
    await gateway.capture(charge);
    await gateway.capture(charge);

    // Assess
    expect(await books.get(charge.chargeKey)).toMatchObject({ status: "CAPTURED", amount });
    expect(await books.net(charge.chargeKey)).toBe(amount.amount);
  });

  it("refuses to capture a voided hold with ChargeVoided, and the hold stays voided", async () => {
    // Prepare
    const charge = await held();
    const voided = await gateway.void(charge);

    // Act
    const capture = gateway.capture(charge);

    // Assess
    expect(voided).toBe("VOIDED");
    await expect(capture).rejects.toBeInstanceOf(ChargeVoided);
    await expect(capture).rejects.toMatchObject({ name: "ChargeVoided" });
    expect(await books.get(charge.chargeKey)).toMatchObject({ status: "VOIDED" });
    expect(await books.net(charge.chargeKey)).toBe(0);
  });

  it("answers CAPTURED to a void that comes after the capture, and keeps the capture", async () => {
    // Prepare
    const charge = await held();
    await gateway.capture(charge);

    // Act
    const answer = await gateway.void(charge);

    // Assess
    expect(answer).toBe("CAPTURED");
    expect(await books.get(charge.chargeKey)).toMatchObject({ status: "CAPTURED" });
  });

  it("lets exactly one of a racing capture and void win, and says which", async () => {
    // Prepare
    const charge = await held();

    // Act
    const [capture, voided] = await Promise.allSettled([gateway.capture(charge), gateway.void(charge)]);

    // Assess
    const booked = (await books.get(charge.chargeKey))?.status;
    if (booked === "CAPTURED") {
      expect([capture.status, voided]).toEqual(["fulfilled", { status: "fulfilled", value: "CAPTURED" }]);
    } else {
      expect(booked).toBe("VOIDED");
      expect(capture).toMatchObject({ status: "rejected", reason: expect.any(ChargeVoided) });
      expect(voided).toEqual({ status: "fulfilled", value: "VOIDED" });
    }
  });

  it("voids a hold twice without complaint", async () => {
    // Prepare
    const charge = await held();

    // Act
    const answers = [await gateway.void(charge), await gateway.void(charge)];

    // Assess
    expect(answers).toEqual(["VOIDED", "VOIDED"]);
  });

  it.each([
    ["no charge at all", async () => ({ chargeKey: newOrderId(), chargeId: "ch_none" })],
    [
      "a declined charge",
      async () => {
        const request = hold(SANDBOX_TOKENS.declined);
        await gateway.authorize(request);
        return { chargeKey: request.chargeKey, chargeId: "ch_none" };
      },
    ],
  ])("refuses to capture %s with an Error naming the charge key", async (_, arrange) => {
    // Prepare
    const charge = await arrange();

    // Act
    const capture = gateway.capture(charge);

    // Assess
    await expect(capture).rejects.toThrow(
      `the sandbox has no authorized charge ${charge.chargeKey} to capture`,
    );
    await expect(capture).rejects.not.toBeInstanceOf(ChargeVoided);
  });
});

describe("sandbox gateway: refund", () => {
  it("refunds a captured charge once by its refund key, however often and concurrently asked", async () => {
    // Prepare
    const charge = await held();
    await gateway.capture(charge);

    // Act
    const refunds = await Promise.all([
      gateway.refund(refundOf(charge)),
      gateway.refund(refundOf(charge)),
      gateway.refund(refundOf(charge)),
    ]);
    const again = await gateway.refund(refundOf(charge));

    // Assess
    const [first] = refunds;
    expect(first?.refundId).toMatch(/^re_sandbox_[0-9a-f]{24}$/);
    for (const refund of [...refunds, again]) expect(refund).toEqual(first);
    expect(await books.get(charge.chargeKey)).toMatchObject({
      status: "REFUNDED",
      refundId: first?.refundId,
    });
    expect(await books.net(charge.chargeKey)).toBe(0);
  });

  it("gives a refunded charge back only once: another refund key gets the first refund", async () => {
    // Prepare
    const charge = await held();
    await gateway.capture(charge);
    const first = await gateway.refund(refundOf(charge, "refund-a"));

    // Act
    const second = await gateway.refund(refundOf(charge, "refund-b"));

    // Assess
    expect(second).toEqual(first);
    expect(await books.get(charge.chargeKey)).toMatchObject({ status: "REFUNDED", refundId: first.refundId });
  });

  it.each([
    ["a hold not captured", async () => held()],
    [
      "a voided hold",
      async () => {
        const charge = await held();
        await gateway.void(charge);
        return charge;
      },
    ],
    ["a charge the sandbox never made", async () => ({ chargeKey: newOrderId(), chargeId: "ch_none" })],
  ])("refuses to refund %s with NothingCaptured", async (_, arrange) => {
    // Prepare
    const charge = await arrange();

    // Act
    const refund = gateway.refund(refundOf(charge));

    // Assess
    await expect(refund).rejects.toBeInstanceOf(NothingCaptured);
    await expect(refund).rejects.toMatchObject({
      name: "NothingCaptured",
      message: `the sandbox never captured charge ${charge.chargeKey}, so nothing is refunded`,
    });
    expect((await books.get(charge.chargeKey))?.refundId).toBeUndefined();
  });
});
