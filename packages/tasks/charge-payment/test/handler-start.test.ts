import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";

await useLocalTables(["payments", "gateway"]);

describe("charge-payment handler start (its deps at cold start are tested in @orderflow/payments)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("uses the sandbox gateway when PAYMENT_GATEWAY is not set", async () => {
    // Prepare
    vi.stubEnv("PAYMENT_GATEWAY", undefined);

    // Act
    const { handler } = await import("../src/handler");

    // Assess
    await expect(
      handler({
        orderId: "ord_default",
        customerId: "c",
        amount: { amount: 1, currency: "EUR" },
        paymentToken: "tok_visa",
      }),
    ).resolves.toMatchObject({ status: "CAPTURED" });
  });
});
