import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PAYMENT_GATEWAY_ENV, PAYMENT_TABLES } from "../src/gateway-env";
import { paymentDepsFor } from "../src/payment-deps";
import { SANDBOX_TOKENS } from "../src/sandbox-gateway";

await useLocalTables(["payments", "gateway"]);

/** A payment function's manifest as charge-payment and refund-payment declare theirs. */
const paymentFunction = {
  name: "some-payment-function",
  description: "Moves money.",
  memoryMb: 256,
  timeoutSeconds: 10,
  tables: PAYMENT_TABLES,
  env: PAYMENT_GATEWAY_ENV,
};

describe("a payment function's deps at cold start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("uses the sandbox gateway, on its books, when PAYMENT_GATEWAY is not set", async () => {
    // Prepare
    vi.stubEnv("PAYMENT_GATEWAY", undefined);
    const chargeKey = newOrderId();

    // Act
    const { gateway, ledger } = await paymentDepsFor(paymentFunction);
    const answer = await gateway.authorize({
      chargeKey,
      customerId: "cus_1",
      amount: { amount: 1250, currency: "EUR" },
      paymentToken: SANDBOX_TOKENS.approved,
    });

    // Assess
    expect(answer.status).toBe("AUTHORIZED");
    expect(await ledger.get(chargeKey)).toBeUndefined();
  });

  it("fails naming the choices when PAYMENT_GATEWAY names a gateway that does not exist", async () => {
    // Prepare
    vi.stubEnv("PAYMENT_GATEWAY", "paypal");

    // Act
    const starting = paymentDepsFor(paymentFunction);

    // Assess
    await expect(starting).rejects.toThrow(
      'unknown payment gateway "paypal": set PAYMENT_GATEWAY to one of sandbox, stripe',
    );
  });

  it.each(["PAYMENTS_TABLE_NAME", "GATEWAY_TABLE_NAME"])(
    "fails naming %s when it is not set",
    async (name) => {
      // Prepare
      vi.stubEnv(name, "");

      // Act
      const starting = paymentDepsFor(paymentFunction);

      // Assess
      await expect(starting).rejects.toThrow(`missing environment variable ${name}`);
    },
  );
});
