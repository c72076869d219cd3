import type { Order } from "@orderflow/domain";
import fc from "fast-check";

/** Where the generated orders ship: each is in the list they are validated against. */
export const SERVED = ["DE", "AT", "NL", "PT"] as const;

const text = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split("")), minLength: min, maxLength: max });
const ASCII = "abcdefghijklmnopqrstuvwxyz";
// Two words: the space inside makes each value a string that no id, SKU, token or amount of the
// validated order can contain, so finding one in its JSON can only mean it leaked.
const words = fc.tuple(text(`${ASCII}äöüß`, 1, 20), text(`${ASCII}äöüß`, 1, 20)).map(([a, b]) => `${a} ${b}`);
const email = fc
  .tuple(text(ASCII, 1, 20), text(ASCII, 1, 12), fc.constantFrom("com", "de", "pt"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/**
 * Valid orders whose personal data is distinctive: an e-mail (whose `@` nothing else in a validated
 * order holds), and name, address lines, city, region, postal code and client reference with a space.
 */
export const personalOrder: fc.Arbitrary<Order> = fc.record(
  {
    orderId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    customer: fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), email }),
    currency: fc.constant("EUR"),
    items: fc.uniqueArray(
      fc.record({
        sku: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{2,31}$/),
        quantity: fc.integer({ min: 1, max: 999 }),
      }),
      { minLength: 1, maxLength: 100, selector: (item) => item.sku },
    ),
    shippingAddress: fc.record(
      {
        name: words,
        line1: words,
        line2: words,
        city: words,
        region: words,
        postalCode: fc.stringMatching(/^[0-9]{4} [A-Z]{2}$/),
        country: fc.constantFrom(...SERVED),
      },
      { requiredKeys: ["name", "line1", "city", "postalCode", "country"] },
    ),
    payment: fc.constant({ token: "tok_visa" }),
    clientReference: words,
  },
  { requiredKeys: ["orderId", "customer", "currency", "items", "shippingAddress", "payment"] },
);

/** The order's personal strings: the e-mail, every address field but the country, the client reference. */
export function personalStrings({ customer, shippingAddress, clientReference }: Order): string[] {
  const { country: _, ...address } = shippingAddress;
  return [customer.email, ...Object.values(address), clientReference].filter(
    (value): value is string => value !== undefined,
  );
}
