import * as v from "valibot";
import { isIsoCountry } from "./country";
import { cleanText } from "./text";

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
