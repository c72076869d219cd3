import * as v from "valibot";
import { cleanText } from "./text";

/**
 * Codes CLDR knows as regions but ISO 3166-1 does not assign to a country (EU, UN, exceptionally
 * reserved and user-assigned codes). Everything else CLDR names is an ISO 3166-1 alpha-2 country. One
 * string rather than a Set, because most Lambda bundles carry this module.
 */
const NOT_ISO_COUNTRIES = "AC CP CQ DG EA EU EZ IC QO TA UN XA XB XK ZZ";
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

export function isIsoCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_ISO_COUNTRIES.includes(code) && regionNames.of(code) !== undefined;
}

const text = (max: number) =>
  v.pipe(
    cleanText,
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );

export const CountryCode = v.pipe(
  cleanText,
  v.check(isIsoCountry, "must be an ISO 3166-1 alpha-2 country code such as DE"),
);

export const Address = v.strictObject({
  name: text(100),
  line1: text(200),
  line2: v.optional(text(200)),
  city: text(100),
  region: v.optional(text(100)),
  postalCode: v.pipe(
    cleanText,
    v.regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/, "must be 1-16 letters, digits, spaces or hyphens"),
  ),
  country: CountryCode,
});
export type Address = v.InferOutput<typeof Address>;
