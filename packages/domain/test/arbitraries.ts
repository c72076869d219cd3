import fc from "fast-check";
import type { Order } from "../src";

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
const idChars = [...alnum, ..."abcdefghijklmnopqrstuvwxyz_-".split("")];
const word = fc
  .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ".split("")), minLength: 1, maxLength: 30 })
  .filter((s) => s.trim().length > 0);

export const sku = fc
  .tuple(
    fc.constantFrom(...alnum),
    fc.string({ unit: fc.constantFrom(...alnum, "-"), minLength: 2, maxLength: 31 }),
  )
  .map(([head, tail]) => head + tail);

const lower = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split("")),
    minLength: min,
    maxLength: max,
  });
// Everyday addresses (fast-check's emailAddress also makes RFC-legal oddities that no shop accepts).
const email = fc
  .tuple(
    lower(1, 20),
    fc.constantFrom("", ".", "+", "_"),
    lower(0, 10),
    lower(1, 20),
    fc.constantFrom("com", "de", "io"),
  )
  .map(([a, sep, b, domain, tld]) => `${a}${b ? sep + b : ""}@${domain}.${tld}`);

export const orderId = fc.string({ unit: fc.constantFrom(...idChars), minLength: 1, maxLength: 64 });

export const validOrder: fc.Arbitrary<Order> = fc.record(
  {
    orderId,
    customer: fc.record({
      id: fc.string({ unit: fc.constantFrom(...idChars), minLength: 1, maxLength: 64 }),
      email: email,
    }),
    currency: fc.constantFrom("EUR", "USD", "GBP", "JPY", "CHF", "BRL"),
    items: fc.uniqueArray(fc.record({ sku, quantity: fc.integer({ min: 1, max: 999 }) }), {
      minLength: 1,
      maxLength: 100,
      selector: (item) => item.sku,
    }),
    shippingAddress: fc.record(
      {
        name: word,
        line1: word,
        line2: word,
        city: word,
        region: word,
        postalCode: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/),
        country: fc.constantFrom("DE", "FR", "PT", "BR", "US", "JP", "GB", "NL"),
      },
      { requiredKeys: ["name", "line1", "city", "postalCode", "country"] },
    ),
    payment: fc.record({ token: fc.constantFrom("tok_visa", "tok_chargeDeclined", "tok_insufficientFunds") }),
    // Printable ASCII; text of spaces only is refused (invisible), the empty reference is not.
    clientReference: fc.string({ maxLength: 64 }).filter((s) => s === "" || s.trim() !== ""),
  },
  { requiredKeys: ["orderId", "customer", "currency", "items", "shippingAddress", "payment"] },
);
