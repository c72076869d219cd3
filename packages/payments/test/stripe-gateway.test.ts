import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { PaymentProcessingError } from "@orderflow/domain";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ChargeVoided, NothingCaptured, type PaymentGateway } from "../src/gateway";
import { paymentGatewayNamed } from "../src/gateways";
import { readSecretKey, stripeClient } from "../src/stripe-connect";
import { stripeGateway } from "../src/stripe-gateway";
import { STRIPE_TEST_CARDS, startStripeServer } from "../testing";

const server = await startStripeServer();
afterAll(() => server.close());
const ssm = mockClient(SSMClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  ssm.restore();
});
const PARAMETER = "/orderflow/test/stripe-secret-key";
/** SSM as the payment functions see it: the SecureString parameter with the server's key. */
function parameterHolds(value: string) {
  ssm.reset();
  ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({
    Parameter: { Name: PARAMETER, Type: "SecureString", Value: value, Version: 1 },
  });
}
parameterHolds(server.secretKey);
beforeEach(() => parameterHolds(server.secretKey));

const settings = { secretKeyParameter: PARAMETER, apiBaseUrl: server.url };
const gateway: PaymentGateway = stripeGateway(await stripeClient(settings));
const EUR = (amount: number) => ({ amount, currency: "EUR" });

let counter = 0;
/** A fresh charge key per test: the server's idempotency store is shared by the file. */
const chargeKey = () => `ord_stripe_${++counter}_${Date.now()}`;

async function authorized(key = chargeKey()) {
  const answer = await gateway.authorize({
    chargeKey: key,
    customerId: "cus_ana",
    amount: EUR(2500),
    paymentToken: STRIPE_TEST_CARDS.approved,
  });
  if (answer.status !== "AUTHORIZED") throw new Error(`expected AUTHORIZED, got ${answer.status}`);
  return { chargeKey: key, chargeId: answer.chargeId };
}

const requestsFor = (key: string) => server.requests.filter((r) => r.idempotencyKey === key);

describe("Stripe gateway (real SDK, Stripe-shaped server)", () => {
  describe("authorize", () => {
    it("creates and confirms a manual-capture PaymentIntent keyed by the charge key, with the order id", async () => {
      // Prepare
      const key = chargeKey();

      // Act
      const answer = await gateway.authorize({
        chargeKey: key,
        customerId: "cus_ana",
        amount: EUR(2500),
        paymentToken: STRIPE_TEST_CARDS.approved,
      });

      // Assess
      expect(answer).toEqual({ status: "AUTHORIZED", chargeId: expect.stringMatching(/^pi_/) });
      const [create] = requestsFor(key);
      expect(create).toMatchObject({
        method: "POST",
        path: "/v1/payment_intents",
        params: {
          amount: "2500",
          currency: "eur",
          capture_method: "manual",
          confirm: "true",
          payment_method: STRIPE_TEST_CARDS.approved,
          "metadata[orderId]": key,
        },
      });
      const intent = answer.status === "AUTHORIZED" ? server.books.intents.get(answer.chargeId) : undefined;
      expect(intent).toMatchObject({ status: "requires_capture", amount_capturable: 2500 });
    });

    it("answers a repeat with the same charge, replayed by Stripe, and holds the amount once", async () => {
      // Prepare
      const first = await authorized();

      // Act
      const repeat = await gateway.authorize({
        chargeKey: first.chargeKey,
        customerId: "cus_ana",
        amount: EUR(2500),
        paymentToken: STRIPE_TEST_CARDS.approved,
      });

      // Assess
      expect(repeat).toEqual({ status: "AUTHORIZED", chargeId: first.chargeId });
      expect(requestsFor(first.chargeKey).map((r) => r.replayed)).toEqual([false, true]);
      const held = [...server.books.intents.values()].filter((i) => i.metadata.orderId === first.chargeKey);
      expect(held).toHaveLength(1);
    });

    it.each([
      [
        "captured",
        async (c: { chargeKey: string; chargeId: string }): Promise<void> => gateway.capture(c),
        "CAPTURED",
      ],
      [
        "voided",
        async (c: { chargeKey: string; chargeId: string }): Promise<void> => void (await gateway.void(c)),
        "VOIDED",
      ],
    ] as const)(
      "answers a repeat after the charge was %s with the charge as it is now",
      async (_case, move, status) => {
        // Prepare
        const charge = await authorized();
        await move(charge);

        // Act
        const repeat = await gateway.authorize({
          chargeKey: charge.chargeKey,
          customerId: "cus_ana",
          amount: EUR(2500),
          paymentToken: STRIPE_TEST_CARDS.approved,
        });

        // Assess
        expect(repeat).toEqual({ status, chargeId: charge.chargeId });
      },
    );

    it.each([
      [STRIPE_TEST_CARDS.declined, "generic_decline"],
      [STRIPE_TEST_CARDS.insufficientFunds, "insufficient_funds"],
      [STRIPE_TEST_CARDS.expired, "expired_card"],
      ["pm_never_created", "resource_missing"],
    ])(
      "answers a decline of %s with DECLINED %s, again on a repeat, without a second attempt",
      async (token, reason) => {
        // Prepare
        const key = chargeKey();
        const request = { chargeKey: key, customerId: "cus_ana", amount: EUR(900), paymentToken: token };

        // Act
        const first = await gateway.authorize(request);
        const repeat = await gateway.authorize(request);

        // Assess
        expect(first).toEqual({ status: "DECLINED", reason });
        expect(repeat).toEqual(first);
        expect(requestsFor(key).map((r) => r.replayed)).toEqual([false, true]);
      },
    );

    it("throws PaymentProcessingError for Stripe's processing_error card code, which means try again", async () => {
      // Act
      const attempt = gateway.authorize({
        chargeKey: chargeKey(),
        customerId: "cus_ana",
        amount: EUR(900),
        paymentToken: STRIPE_TEST_CARDS.processingError,
      });

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(PaymentProcessingError);
    });

    it.each([
      ["a rate limit (429)", { kind: "rate-limited" } as const, 1],
      ["Stripe failing (503), also when the SDK retries", { kind: "server-error", status: 503 } as const, 2],
      ["dropped connections, also on the SDK's retries", { kind: "dropped-connection" } as const, 3],
    ])(
      "throws PaymentProcessingError for %s, and the workflow's retry charges once",
      async (_case, fault, times) => {
        // Prepare
        const key = chargeKey();
        const request = {
          chargeKey: key,
          customerId: "cus_ana",
          amount: EUR(1200),
          paymentToken: STRIPE_TEST_CARDS.approved,
        };
        server.failNext(fault, times);

        // Act
        const failed = await gateway.authorize(request).catch((error: unknown) => error);
        const retried = await gateway.authorize(request);

        // Assess
        expect(failed).toBeInstanceOf(PaymentProcessingError);
        expect((failed as Error).message).toMatch(/^Stripe could not authorize the charge right now/);
        expect(retried.status).toBe("AUTHORIZED");
        expect([...server.books.intents.values()].filter((i) => i.metadata.orderId === key)).toHaveLength(1);
      },
    );

    it("refuses a charge key reused with another amount as a defect, not as something to retry", async () => {
      // Prepare
      const charge = await authorized();

      // Act
      const reuse = gateway.authorize({
        chargeKey: charge.chargeKey,
        customerId: "cus_ana",
        amount: EUR(9999),
        paymentToken: STRIPE_TEST_CARDS.approved,
      });

      // Assess
      await expect(reuse).rejects.toThrow(
        /^Stripe refused to authorize the charge \(StripeIdempotencyError, request req_/,
      );
      await expect(reuse).rejects.not.toBeInstanceOf(PaymentProcessingError);
    });
  });

  describe("capture", () => {
    it("captures an authorized charge, once however often asked", async () => {
      // Prepare
      const charge = await authorized();

      // Act
      await gateway.capture(charge);
      await gateway.capture(charge);

      // Assess
      expect(server.books.intents.get(charge.chargeId)).toMatchObject({
        status: "succeeded",
        amount_received: 2500,
      });
      expect(requestsFor(`capture-${charge.chargeKey}`).map((r) => r.replayed)).toEqual([false, true]);
    });

    it("refuses a voided charge with ChargeVoided", async () => {
      // Prepare
      const charge = await authorized();
      await gateway.void(charge);

      // Act
      const capture = gateway.capture(charge);

      // Assess
      await expect(capture).rejects.toBeInstanceOf(ChargeVoided);
    });

    it("counts a capture Stripe already made (under another key) as done", async () => {
      // Prepare: captured by someone else, e.g. in the dashboard
      const charge = await authorized();
      server.books.captureIntent(charge.chargeId);

      // Act / Assess
      await expect(gateway.capture(charge)).resolves.toBeUndefined();
    });
  });

  describe("void", () => {
    it("cancels an uncaptured charge, so it can never be captured", async () => {
      // Prepare
      const charge = await authorized();

      // Act
      const answer = await gateway.void(charge);

      // Assess
      expect(answer).toBe("VOIDED");
      expect(server.books.intents.get(charge.chargeId)).toMatchObject({
        status: "canceled",
        amount_capturable: 0,
      });
      expect(await gateway.void(charge)).toBe("VOIDED");
    });

    it("answers CAPTURED when the capture came first", async () => {
      // Prepare
      const charge = await authorized();
      await gateway.capture(charge);

      // Act
      const answer = await gateway.void(charge);

      // Assess
      expect(answer).toBe("CAPTURED");
      expect(server.books.intents.get(charge.chargeId)?.status).toBe("succeeded");
    });
  });

  describe("refund", () => {
    it("refunds a captured charge in full with the refund key, once however often asked", async () => {
      // Prepare
      const charge = await authorized();
      await gateway.capture(charge);
      const request = { ...charge, refundKey: `refund-${charge.chargeKey}`, amount: EUR(2500) };

      // Act
      const first = await gateway.refund(request);
      const repeat = await gateway.refund(request);

      // Assess
      expect(first.refundId).toMatch(/^re_/);
      expect(repeat).toEqual(first);
      const refunds = [...server.books.refunds.values()].filter((r) => r.payment_intent === charge.chargeId);
      expect(refunds).toEqual([
        expect.objectContaining({ id: first.refundId, amount: 2500, status: "succeeded" }),
      ]);
    });

    it("answers with the refund Stripe already made when asked under another key", async () => {
      // Prepare
      const charge = await authorized();
      await gateway.capture(charge);
      const first = await gateway.refund({ ...charge, refundKey: "refund-a", amount: EUR(2500) });

      // Act
      const again = await gateway.refund({
        ...charge,
        refundKey: `refund-b-${charge.chargeKey}`,
        amount: EUR(2500),
      });

      // Assess
      expect(again).toEqual(first);
    });

    it("refuses a charge that was never captured with NothingCaptured", async () => {
      // Prepare
      const charge = await authorized();

      // Act
      const refund = gateway.refund({
        ...charge,
        refundKey: `refund-${charge.chargeKey}`,
        amount: EUR(2500),
      });

      // Assess
      await expect(refund).rejects.toBeInstanceOf(NothingCaptured);
    });

    it("throws PaymentProcessingError when Stripe cannot answer", async () => {
      // Prepare
      const charge = await authorized();
      await gateway.capture(charge);
      server.failNext({ kind: "rate-limited" });

      // Act
      const refund = gateway.refund({
        ...charge,
        refundKey: `refund-${charge.chargeKey}`,
        amount: EUR(2500),
      });

      // Assess
      await expect(refund).rejects.toBeInstanceOf(PaymentProcessingError);
    });
  });
});

describe("the Stripe gateway's start", () => {
  it("reads the secret key from its SSM parameter with decryption, and the gateway then charges", async () => {
    // Act
    const started = await paymentGatewayNamed("stripe", {
      sandbox: { client: undefined as never, tableName: "unused" },
      stripe: settings,
    });
    const answer = await started.authorize({
      chargeKey: chargeKey(),
      customerId: "c",
      amount: EUR(100),
      paymentToken: STRIPE_TEST_CARDS.approved,
    });

    // Assess
    expect(started.name).toBe("stripe");
    expect(answer.status).toBe("AUTHORIZED");
    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: PARAMETER, WithDecryption: true },
    ]);
  });

  it("fails without a parameter name, naming the variable", async () => {
    // Act / Assess
    await expect(readSecretKey(undefined)).rejects.toThrow(
      "the stripe payment gateway needs STRIPE_SECRET_KEY_PARAMETER_NAME",
    );
  });

  it("fails when the parameter holds no value", async () => {
    // Prepare
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: "/empty", Type: "SecureString", Value: "" } });

    // Act / Assess
    await expect(readSecretKey("/empty", new SSMClient({}))).rejects.toThrow(
      "SSM parameter /empty holds no Stripe secret key",
    );
  });

  it("reports a key Stripe refuses without repeating it, pointing at the parameter", async () => {
    // Prepare
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: PARAMETER, Type: "SecureString", Value: "sk_test_wrong_key_123" } });
    const wrongKey = stripeGateway(await stripeClient(settings));

    // Act
    const failure = (await wrongKey
      .authorize({
        chargeKey: chargeKey(),
        customerId: "c",
        amount: EUR(100),
        paymentToken: STRIPE_TEST_CARDS.approved,
      })
      .catch((error: unknown) => error)) as Error;

    // Assess
    expect(failure.message).toMatch(/^Stripe refused the secret key trying to authorize the charge/);
    expect(failure.message).toContain("SSM parameter");
    expect(failure.message).not.toContain("sk_test_wrong_key_123");
    expect(failure).not.toBeInstanceOf(PaymentProcessingError);
  });
});
