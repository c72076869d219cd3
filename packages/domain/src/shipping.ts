import { isIsoCountry } from "./country";
import type { EnvVarSpec } from "./manifest";

/**
 * Where the shop ships: one setting that ValidateOrder (which refuses other destinations before anything
 * is charged) and CreateShipment (which books the shipment) both read, so the two can never disagree.
 * Each manifest spreads this into its `env`; infra gives both functions the same value.
 */
export const SHIPPING_ENV = {
  SUPPORTED_COUNTRIES: {
    description: "Comma-separated ISO 3166-1 alpha-2 codes we ship to.",
    default: "DE,AT,NL,BE,FR,PT,ES,IT",
  },
} as const satisfies Readonly<Record<string, EnvVarSpec>>;

/**
 * The destinations of `SUPPORTED_COUNTRIES`, in the order configured. Read at start, so a bad setting
 * fails the start with what to fix.
 */
export function supportedCountries(setting: string): readonly string[] {
  const listed = setting
    .split(",")
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== "");
  const wrong = listed.filter((code) => !isIsoCountry(code));
  if (listed.length === 0 || wrong.length > 0) {
    throw new Error(
      `SUPPORTED_COUNTRIES must list ISO 3166-1 alpha-2 country codes separated by commas, such as DE,AT,NL` +
        (wrong.length > 0 ? `; not country codes: ${wrong.join(", ")}` : "; it lists none"),
    );
  }
  return [...new Set(listed)];
}
