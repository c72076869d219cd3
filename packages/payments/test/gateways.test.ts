import { describe, expect, it } from "vitest";
import { PAYMENT_GATEWAY_NAMES, paymentGatewayNamed } from "../src/gateways";

describe("paymentGatewayNamed", () => {
  it("returns the sandbox gateway for `sandbox`", () => {
    // Act
    const gateway = paymentGatewayNamed("sandbox");

    // Assess
    expect(gateway.name).toBe("sandbox");
    expect(PAYMENT_GATEWAY_NAMES).toEqual(["sandbox"]);
  });

  it.each(["stripe", "", "Sandbox", "constructor", "__proto__"])(
    "rejects %j, naming PAYMENT_GATEWAY and the names it accepts",
    (name) => {
      // Act / Assess
      expect(() => paymentGatewayNamed(name)).toThrow(
        `unknown payment gateway "${name}": set PAYMENT_GATEWAY to one of sandbox`,
      );
    },
  );
});
