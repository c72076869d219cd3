import * as v from "valibot";
import { cleanText } from "./text";

/**
 * ISO 4217 codes as the runtime's ICU knows them: a maintained list instead of a hand-copied one.
 * Intl's list includes historic codes; that is harmless here because prices come from the catalog.
 */
const ISO_4217 = new Set<string>(Intl.supportedValuesOf("currency"));

export const Currency = v.pipe(
  cleanText,
  v.check((code) => ISO_4217.has(code), "must be an ISO 4217 currency code such as EUR"),
);
export type Currency = v.InferOutput<typeof Currency>;

/** Money in integer minor units (cents for EUR): never floats, so sums are exact. */
export const Money = v.strictObject({
  amount: v.pipe(
    v.number(),
    v.safeInteger("must be a whole number of minor units (e.g. cents)"),
    v.minValue(0, "must not be negative"),
  ),
  currency: Currency,
});
export type Money = v.InferOutput<typeof Money>;

export function money(amount: number, currency: Currency): Money {
  return { amount, currency };
}

/** Adds amounts of one currency; mixing currencies is a programming error, not a business outcome. */
export function sumMoney(currency: Currency, amounts: readonly Money[]): Money {
  let total = 0;
  for (const m of amounts) {
    if (m.currency !== currency) throw new Error(`cannot add ${m.currency} to ${currency}`);
    total += m.amount;
  }
  if (!Number.isSafeInteger(total)) throw new Error("money total exceeds the safe integer range");
  return { amount: total, currency };
}

export function multiplyMoney(m: Money, factor: number): Money {
  const amount = m.amount * factor;
  if (!Number.isSafeInteger(amount)) throw new Error("money amount exceeds the safe integer range");
  return { amount, currency: m.currency };
}
