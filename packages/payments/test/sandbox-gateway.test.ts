import { PaymentProcessingError } from "@orderflow/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChargeRequest } from "../src/gateway";
import { SANDBOX_TOKENS, sandboxGateway, UNKNOWN_CARD_REASON } from "../src/sandbox-gateway";

const gateway = sandboxGateway();
const request = (paymentToken: string, idempotencyKey = "ord_1"): ChargeRequest => ({
  idempotencyKey,
  customerId: "cus_1",
  amount: { amount: 1250, currency: "EUR" },
  paymentToken,
});
const knownTokens = new Set<string>(Object.values(SANDBOX_TOKENS));

describe("sandbox gateway charges", () => {
  it("approves tok_visa with a charge id", async () => {
    // Act
    const result = await gateway.charge(request("tok_visa"));

    // Assess
    expect(result).toEqual({
      status: "APPROVED",
      chargeId: expect.stringMatching(/^ch_sandbox_[0-9a-f]{24}$/),
    });
  });

  it.each([
    ["tok_chargeDeclined", "card_declined"],
    ["tok_insufficientFunds", "insufficient_funds"],
  ])("declines %s with reason %s", async (token, reason) => {
    // Act
    const result = await gateway.charge(request(token));

    // Assess
    expect(result).toEqual({ status: "DECLINED", reason });
  });

  it("fails tok_processingError with a retryable PaymentProcessingError on every attempt", async () => {
    // Act
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() => gateway.charge(request("tok_processingError"))),
    );

    // Assess
    for (const attempt of attempts) {
      expect(attempt.status).toBe("rejected");
      const reason = (attempt as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(PaymentProcessingError);
      expect(reason.name).toBe("PaymentProcessingError");
    }
  });

  it("declines every other token as an unknown test card", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((token) => !knownTokens.has(token)),
        async (token) => {
          // Act
          const result = await gateway.charge(request(token));

          // Assess
          expect(result).toEqual({ status: "DECLINED", reason: UNKNOWN_CARD_REASON });
        },
      ),
    );
  });

  it("names one charge per idempotency key: the same key gives the same id, different keys differ", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (first, second) => {
        // Act
        const [a, again, b] = await Promise.all([
          gateway.charge(request("tok_visa", first)),
          gateway.charge(request("tok_visa", first)),
          gateway.charge(request("tok_visa", second)),
        ]);

        // Assess
        expect(again).toEqual(a);
        expect(a.status === "APPROVED" && b.status === "APPROVED" && a.chargeId === b.chargeId).toBe(
          first === second,
        );
      }),
    );
  });
});

describe("sandbox gateway refunds", () => {
  it("refunds with an id derived from the idempotency key", async () => {
    // Prepare
    const refund = { chargeKey: "ord_1", chargeId: "ch_1", amount: { amount: 1250, currency: "EUR" } };

    // Act
    const [first, repeat, other] = await Promise.all([
      gateway.refund({ ...refund, idempotencyKey: "refund-ord_1" }),
      gateway.refund({ ...refund, idempotencyKey: "refund-ord_1" }),
      gateway.refund({ ...refund, idempotencyKey: "refund-ord_2" }),
    ]);

    // Assess
    expect(first.refundId).toMatch(/^re_sandbox_[0-9a-f]{24}$/);
    expect(repeat).toEqual(first);
    expect(other.refundId).not.toBe(first.refundId);
  });

  it("refunds the charge its charge key made when the charge id was never recorded", async () => {
    // Prepare
    const charged = await gateway.charge({
      idempotencyKey: "ord_1",
      customerId: "cus_1",
      amount: { amount: 1250, currency: "EUR" },
      paymentToken: "tok_visa",
    });

    // Act
    const refund = await gateway.refund({
      idempotencyKey: "refund-ord_1",
      chargeKey: "ord_1",
      amount: { amount: 1250, currency: "EUR" },
    });

    // Assess
    expect(charged.status === "APPROVED" && charged.chargeId).toBe(refund.chargeId);
  });
});
