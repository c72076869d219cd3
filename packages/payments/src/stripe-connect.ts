/**
 * The Stripe gateway as a handler starts it: the secret key read once from SSM Parameter Store, the
 * official SDK on its fetch-based HTTP client. Imported lazily (see gateways.ts): it carries the SDK.
 */
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import Stripe from "stripe";
import type { PaymentGateway } from "./gateway";
import type { StripeSettings } from "./gateways";
import { stripeGateway } from "./stripe-gateway";

/** Per request: below the payment functions' 10 s timeout with one retry, which Stripe makes idempotent. */
const REQUEST_TIMEOUT_MS = 4000;

/**
 * The secret key from its SecureString parameter. The function's environment holds only the parameter's
 * name, so the key is in no environment variable, no deployment package and no configuration output.
 */
export async function readSecretKey(
  parameterName: string | undefined,
  ssm = new SSMClient({}),
): Promise<string> {
  if (!parameterName) {
    throw new Error(
      "the stripe payment gateway needs STRIPE_SECRET_KEY_PARAMETER_NAME, the SSM parameter that holds the secret key",
    );
  }
  const { Parameter } = await ssm.send(
    new GetParameterCommand({ Name: parameterName, WithDecryption: true }),
  );
  if (!Parameter?.Value) throw new Error(`SSM parameter ${parameterName} holds no Stripe secret key`);
  return Parameter.Value;
}

/** A Stripe client for `apiBaseUrl` (Stripe's API unless given) with the key from SSM. */
export async function stripeClient(settings: StripeSettings, ssm?: SSMClient): Promise<Stripe> {
  const secretKey = await readSecretKey(settings.secretKeyParameter, ssm);
  const api = settings.apiBaseUrl ? new URL(settings.apiBaseUrl) : undefined;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    timeout: REQUEST_TIMEOUT_MS,
    maxNetworkRetries: 1,
    telemetry: false,
    ...(api && {
      protocol: api.protocol === "http:" ? "http" : "https",
      host: api.hostname,
      port: Number(api.port || (api.protocol === "http:" ? 80 : 443)),
    }),
  });
}

export async function connectStripe(settings: StripeSettings): Promise<PaymentGateway> {
  return stripeGateway(await stripeClient(settings));
}
