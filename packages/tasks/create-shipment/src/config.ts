import { supportedCountries } from "@orderflow/domain";

/** Where and how this deployment ships. */
export interface ShippingConfig {
  /** ISO 3166-1 alpha-2 codes, in the order configured. */
  readonly supportedCountries: readonly string[];
  /** Carrier name printed on shipments; its letters and digits prefix tracking numbers. */
  readonly carrier: string;
}

/**
 * Reads the shipping settings from the task's environment (`SUPPORTED_COUNTRIES`, `CARRIER`). Lambda and
 * container entries call it at start, so a bad setting fails the start with what to fix.
 */
export function shippingConfig(env: {
  readonly SUPPORTED_COUNTRIES: string;
  readonly CARRIER: string;
}): ShippingConfig {
  const carrier = env.CARRIER.trim();
  if (!/[A-Za-z0-9]/.test(carrier)) {
    throw new Error(`CARRIER must name the carrier with at least one letter or digit, such as DHL`);
  }
  return { supportedCountries: supportedCountries(env.SUPPORTED_COUNTRIES), carrier };
}
