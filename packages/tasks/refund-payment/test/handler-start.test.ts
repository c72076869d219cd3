import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";

await useLocalTables(["payments", "gateway"]);

describe("refund-payment handler start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("fails at start when PAYMENT_GATEWAY names a gateway that does not exist", async () => {
    // Prepare
    vi.stubEnv("PAYMENT_GATEWAY", "paypal");

    // Act
    const loading = import("../src/handler");

    // Assess
    await expect(loading).rejects.toThrow(
      'unknown payment gateway "paypal": set PAYMENT_GATEWAY to one of sandbox, stripe',
    );
  });

  it("fails at start naming PAYMENTS_TABLE_NAME when the table is not configured", async () => {
    // Prepare
    vi.stubEnv("PAYMENTS_TABLE_NAME", "");

    // Act
    const loading = import("../src/handler");

    // Assess
    await expect(loading).rejects.toThrow("missing environment variable PAYMENTS_TABLE_NAME");
  });

  it("fails at start naming GATEWAY_TABLE_NAME when the sandbox's books are not configured", async () => {
    // Prepare
    vi.stubEnv("GATEWAY_TABLE_NAME", "");

    // Act
    const loading = import("../src/handler");

    // Assess
    await expect(loading).rejects.toThrow("missing environment variable GATEWAY_TABLE_NAME");
  });

  it("uses the sandbox gateway when PAYMENT_GATEWAY is not set", async () => {
    // Prepare
    vi.stubEnv("PAYMENT_GATEWAY", undefined);

    // Act
    const { handler } = await import("../src/handler");

    // Assess
    await expect(handler({ orderId: "ord_default" })).resolves.toMatchObject({ outcome: "NOTHING_CAPTURED" });
  });
});
