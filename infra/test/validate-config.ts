import { expect } from "vitest";
import { ConfigError, validateStackConfig } from "../src/config/validate";
import { FUNCTIONS } from "./harness";

export type Config = Record<string, unknown>;

/** A live Stripe key's shape; production refuses the sandbox and test keys. */
export const LIVE_KEY = "sk_live_51AbCdEfGhIjKlMnOpQrStUv";

/** The secret keys of {@link OWNER_VALUES}. */
export const OWNER_SECRETS: readonly string[] = ["orderflow:stripeSecretKey"];

/**
 * What a production stack's owner must set (account, who is paged, reservations, subnets, a real payment
 * gateway with its key as a secret, who customer mail comes from): merged under
 * every config the helpers validate, so a test about one key is not drowned by these. A test removes one
 * by setting it to `undefined`.
 */
export const OWNER_VALUES: Config = {
  "orderflow:accountId": "123456789012",
  "orderflow:alarmEmail": "oncall@orderflow.invalid",
  "orderflow:reservedConcurrency": 5,
  "orderflow:containerSubnetIds": ["subnet-0a1b2c3d4e5f60718"],
  "orderflow:paymentGateway": "stripe",
  "orderflow:stripeSecretKey": LIVE_KEY,
  "orderflow:mailSender": { address: "orders@orderflow.shop", identity: "orderflow.shop" },
};

/** Config as the stack file would hold it: structured values become JSON, as the CLI does; undefined is absent. */
export function asCliValues(config: Config): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ "aws:region": "eu-central-1", ...OWNER_VALUES, ...config }).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, typeof v === "string" ? v : JSON.stringify(v)]],
    ),
  );
}

export function validate(config: Config, secretKeys: readonly string[] = OWNER_SECRETS) {
  return validateStackConfig(FUNCTIONS, "test", {
    values: asCliValues(config),
    isSecret: (key) => secretKeys.includes(key),
  });
}

/** The one ConfigError message the config gets; fails the test when the config is accepted. */
export function errorOf(config: Config, secretKeys: readonly string[] = OWNER_SECRETS): string {
  try {
    validate(config, secretKeys);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`config was accepted: ${JSON.stringify(config)}`);
}

/** The message's line about `key` (`orderflow:apiAuth.issuer: …`), or undefined. */
export function lineFor(message: string, key: string): string | undefined {
  return message.split("\n").find((line) => line.trim().startsWith(`${key}:`));
}
