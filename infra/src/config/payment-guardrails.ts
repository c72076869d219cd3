import type { PAYMENT_GATEWAY_ENV } from "@orderflow/payments/gateway-env";
import type { GuardrailContext } from "./guardrails";

/** Variables of the payment functions that the program sets from `paymentGateway`, never per function. */
const WIRED_PAYMENT_ENV: readonly (keyof typeof PAYMENT_GATEWAY_ENV)[] = [
  "PAYMENT_GATEWAY",
  "STRIPE_SECRET_KEY_PARAMETER_NAME",
];

/**
 * A production stack charges real cards: the sandbox charges nobody, and neither does a Stripe test key.
 * Both payment functions use the one gateway `paymentGateway` names, so their gateway variables are the
 * program's to set.
 */
export function paymentGuardrails({ config, fail }: GuardrailContext): void {
  const production = config.tier === "production";
  if (production && config.paymentGateway === "sandbox") {
    fail(
      ["paymentGateway"],
      "sandbox charges nobody: the production tier needs stripe (and orderflow:stripeSecretKey)",
    );
  }
  if (config.paymentGateway === "stripe" && config.stripeSecretKey === undefined) {
    fail(
      ["stripeSecretKey"],
      "is required with paymentGateway stripe: pulumi config set --secret orderflow:stripeSecretKey <key>",
    );
  }
  if (config.paymentGateway !== "stripe" && config.stripeSecretKey !== undefined) {
    fail(["stripeSecretKey"], "applies only with orderflow:paymentGateway stripe");
  }
  if (production && config.stripeSecretKey !== undefined && !config.stripeSecretKey.includes("_live_")) {
    fail(
      ["stripeSecretKey"],
      "must be a live key (sk_live_… or rk_live_…) in the production tier: a test key charges nobody",
    );
  }
  for (const [name, settings] of Object.entries(config.functions)) {
    const env = settings?.env ?? {};
    for (const variable of WIRED_PAYMENT_ENV.filter((v) => env[v] !== undefined)) {
      fail(
        ["functions", name, "env", variable],
        "is set from orderflow:paymentGateway, one gateway for both payment functions",
      );
    }
    if (production && env.STRIPE_API_BASE_URL !== undefined) {
      fail(
        ["functions", name, "env", "STRIPE_API_BASE_URL"],
        "must stay unset in the production tier: payments go to Stripe's API",
      );
    }
  }
}
