/**
 * The charge and refund tasks on the Stripe gateway, in the local runtime: the real definition and
 * handlers, `PAYMENT_GATEWAY=stripe` with the official SDK pointed at a Stripe-shaped server, and the
 * secret key read from (a mocked) SSM Parameter Store as the deployed functions read it. A file of its own:
 * handlers read their environment when they load.
 */
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { STRIPE_TEST_CARDS, startStripeServer } from "@orderflow/payments/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freshSku, orderFor, PRICE, recordShippingTo, startTestRuntime, US_ADDRESS } from "./support";

const stripe = await startStripeServer();
const PARAMETER = "/orderflow/local/stripe-secret-key";
const ssm = mockClient(SSMClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  ssm.restore();
});
ssm.on(GetParameterCommand, { Name: PARAMETER, WithDecryption: true }).resolves({
  Parameter: { Name: PARAMETER, Type: "SecureString", Value: stripe.secretKey, Version: 1 },
});
// Set before the runtime loads the handlers: a value already in the environment wins over the manifests'.
// Stubbed, so that the files after this one in the worker get the sandbox gateway again.
vi.stubEnv("PAYMENT_GATEWAY", "stripe");
vi.stubEnv("STRIPE_SECRET_KEY_PARAMETER_NAME", PARAMETER);
vi.stubEnv("STRIPE_API_BASE_URL", stripe.url);
const runtime = await startTestRuntime();
afterAll(async () => {
  await runtime.stop();
  await stripe.close();
  vi.unstubAllEnvs();
});

const intentsOf = (orderId: string) =>
  [...stripe.books.intents.values()].filter((i) => i.metadata.orderId === orderId);
const refundsOf = (intentId: string) =>
  [...stripe.books.refunds.values()].filter((r) => r.payment_intent === intentId);
const card = (token: string) => ({ payment: { token } });

describe("the order workflow on the Stripe gateway (local runtime, Stripe-shaped server)", () => {
  it("completes an order: one PaymentIntent authorized, then captured, for the order's total", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, card(STRIPE_TEST_CARDS.approved));

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({ status: "SUCCEEDED", error: null, compensations: [] });
    expect(ledger.payments).toEqual([
      { status: "CAPTURED", amount: { amount: 2 * PRICE.amount, currency: "EUR" } },
    ]);
    const intents = intentsOf(order.orderId);
    expect(intents).toEqual([
      expect.objectContaining({
        status: "succeeded",
        amount_received: 2 * PRICE.amount,
        currency: "eur",
        capture_method: "manual",
      }),
    ]);
    expect(ssm.commandCalls(GetParameterCommand).length).toBeGreaterThan(0);
  });

  it("releases the stock, then refunds through Stripe, when the shipment fails after the capture", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, card(STRIPE_TEST_CARDS.approved));
    await recordShippingTo(runtime, order, US_ADDRESS);

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      status: "FAILED",
      error: "ShipmentFailed",
      compensations: ["ReleaseInventory", "RefundPayment"],
    });
    expect(ledger.order).toMatchObject({ status: "FAILED", error: "ShipmentFailed" });
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    expect(ledger.payments.map((p) => p.status)).toEqual(["REFUNDED"]);
    const [intent] = intentsOf(order.orderId);
    expect(intent?.status).toBe("succeeded");
    expect(refundsOf(intent?.id ?? "")).toEqual([
      expect.objectContaining({
        amount: 2 * PRICE.amount,
        status: "succeeded",
        metadata: { orderId: order.orderId },
      }),
    ]);
  });

  it("ends a declined card in PaymentDeclined with nothing held or refunded", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, card(STRIPE_TEST_CARDS.insufficientFunds));

    // Act
    const report = await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess
    expect(report).toMatchObject({
      status: "FAILED",
      error: "PaymentDeclined",
      compensations: ["ReleaseInventory", "RefundPayment"],
    });
    // The refund finds the decline and asks Stripe for nothing.
    expect(ledger.payments.map((p) => p.status)).toEqual(["DECLINED"]);
    expect(ledger.inventory).toEqual({ [sku]: { available: 10, reserved: 0 } });
    const [intent] = intentsOf(order.orderId);
    expect(intent).toMatchObject({ status: "requires_payment_method", amount_received: 0 });
    expect(refundsOf(intent?.id ?? "")).toEqual([]);
  });

  it("retries through Stripe's rate limit and charges once", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, card(STRIPE_TEST_CARDS.approved));
    stripe.failNext({ kind: "rate-limited" });

    // Act
    const report = await runtime.start(order);

    // Assess
    expect(report.status).toBe("SUCCEEDED");
    expect(report.steps.find((s) => s.state === "ChargePayment")?.retries).toHaveLength(1);
    expect(intentsOf(order.orderId)).toEqual([expect.objectContaining({ status: "succeeded" })]);
  });

  it("records a Lambda task's failure with its name and message only: no stack trace in the order or its event", async () => {
    // Prepare
    const sku = await freshSku(runtime, 10);
    const order = orderFor(sku, card(STRIPE_TEST_CARDS.declined));

    // Act
    await runtime.start(order);
    const ledger = await runtime.ledger(order.orderId);

    // Assess: the Cause is the Lambda runtime's error document, built from the rethrown error
    const cause = String(ledger.order?.cause);
    expect(JSON.parse(cause)).toEqual({
      errorType: "PaymentDeclined",
      errorMessage: "payment declined: generic_decline",
      trace: ["PaymentDeclined: payment declined: generic_decline"],
    });
    const events = JSON.stringify(ledger.events);
    expect(events).toContain("PaymentDeclined");
    expect(events).not.toMatch(/\bat .*\.(ts|mjs|js):\d+/);
  });
});
