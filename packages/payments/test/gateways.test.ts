import { newOrderId } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { PAYMENT_GATEWAY_NAMES, paymentGatewayNamed } from "../src/gateways";
import { SANDBOX_TOKENS } from "../src/sandbox-gateway";
import { sandboxBooks } from "../testing";

const db = await useLocalTables(["gateway"]);
const books = sandboxBooks(db);
/** Stripe is never started here: an unset parameter is what a sandbox deployment has. */
const context = { sandbox: books.ledger, stripe: { secretKeyParameter: undefined } };

describe("paymentGatewayNamed", () => {
  it("starts the sandbox gateway for `sandbox`, keeping its books in the table it is given", async () => {
    // Prepare
    const chargeKey = newOrderId();

    // Act
    const gateway = await paymentGatewayNamed("sandbox", context);
    await gateway.authorize({
      chargeKey,
      customerId: "cus_1",
      amount: { amount: 1, currency: "EUR" },
      paymentToken: SANDBOX_TOKENS.approved,
    });

    // Assess
    expect(gateway.name).toBe("sandbox");
    expect(PAYMENT_GATEWAY_NAMES).toEqual(["sandbox", "stripe"]);
    expect(await books.get(chargeKey)).toMatchObject({ status: "AUTHORIZED" });
  });

  it.each(["Stripe", "", "Sandbox", "constructor", "__proto__", "toString", "hasOwnProperty"])(
    "rejects %j, naming PAYMENT_GATEWAY and the names it accepts",
    async (name) => {
      // Act
      const starting = paymentGatewayNamed(name, context);

      // Assess
      await expect(starting).rejects.toThrow(
        `unknown payment gateway "${name}": set PAYMENT_GATEWAY to one of sandbox, stripe`,
      );
    },
  );
});
