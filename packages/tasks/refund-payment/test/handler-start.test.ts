import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";

await useLocalTables(["payments"]);

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
      'unknown payment gateway "paypal": set PAYMENT_GATEWAY to one of sandbox',
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
});
