import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Order, OrderRequest, PARSE_CONFIG, parseOrThrow, ValidationError } from "../src";
import wireOrder from "./fixtures/order.json" with { type: "json" };

type Json = Record<string, unknown>;

/** Every string field of an order, as a path and a valid value for it. */
const STRING_FIELDS: readonly (readonly [string, string])[] = [
  ["orderId", "ord_01JD3XK5Q7"],
  ["customer.id", "cus_123"],
  ["customer.email", "ana@example.com"],
  ["currency", "EUR"],
  ["items[0].sku", "SKU-TSHIRT-M"],
  ["shippingAddress.name", "Ana Lima"],
  ["shippingAddress.line1", "Main St 1"],
  ["shippingAddress.line2", "Flat 2"],
  ["shippingAddress.city", "Berlin"],
  ["shippingAddress.region", "Berlin"],
  ["shippingAddress.postalCode", "10115"],
  ["shippingAddress.country", "DE"],
  ["payment.token", "tok_visa"],
  ["clientReference", "po-7"],
];

/** Text no field may hold, each in a valid value's company where that makes sense. */
const HOSTILE_TEXT: readonly (readonly [string, (valid: string) => string])[] = [
  ["a NUL", (valid) => `${valid}\u0000`],
  ["a bell", (valid) => `\u0007${valid}`],
  ["an escape sequence", (valid) => `${valid}\u001b[31m`],
  ["a line feed", (valid) => `${valid}\nX-Injected: 1`],
  ["a tab", (valid) => `${valid}\t`],
  ["DEL", (valid) => `${valid}\u007f`],
  ["a C1 control", (valid) => `${valid}\u0085`],
  ["a right-to-left override", (valid) => `\u202e${valid}`],
  ["a left-to-right embedding", (valid) => `${valid}\u202a`],
  ["a first-strong isolate", (valid) => `\u2068${valid}\u2069`],
  ["a lone high surrogate", (valid) => `${valid}\ud800`],
  ["a lone low surrogate", (valid) => `\udfff${valid}`],
  ["zero-width spaces only", () => "\u200b\u200b\u200b"],
  ["a Hangul filler only", () => "\u3164"],
  ["a blank braille pattern only", () => "\u2800\u2800"],
  ["joiners and a combining mark only", () => "\u200d\u0301\u200c"],
  ["a byte-order mark only", () => "\ufeff"],
];

function withField(path: string, value: unknown): Json {
  const order = structuredClone({
    ...wireOrder,
    clientReference: "po-7",
    shippingAddress: { ...wireOrder.shippingAddress, line2: "Flat 2", region: "Berlin" },
  }) as unknown as Json;
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  const last = keys.pop() as string;
  let target = order;
  for (const key of keys) target = target[key] as Json;
  target[last] = value;
  return order;
}

function validationOf(input: Json): ValidationError {
  try {
    parseOrThrow(Order, input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("the order was accepted");
}

describe("every string field", () => {
  const cases = STRING_FIELDS.flatMap(([path, valid]) =>
    HOSTILE_TEXT.map(([what, make]) => [path, what, make(valid)] as const),
  );

  it.each(cases)("%s refuses %s, naming the field", (path, _what, hostile) => {
    // Act
    const error = validationOf(withField(path, hostile));

    // Assess
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it("accepts the valid value of each field (the table above starts from valid orders)", () => {
    // Act / Assess
    for (const [path, valid] of STRING_FIELDS)
      expect(() => parseOrThrow(Order, withField(path, valid))).not.toThrow();
  });

  it("accepts letters of any script, emoji sequences with joiners, and the empty client reference", () => {
    // Prepare
    const names = [
      "Zoë Ångström",
      "Łukasz Żółć",
      "محمد علي",
      "שרה כהן",
      "李小龙",
      "👩‍👩‍👧 Family",
      "Nguyễn Văn",
    ];

    // Act / Assess
    for (const name of names)
      expect(() => parseOrThrow(Order, withField("shippingAddress.name", name))).not.toThrow();
    expect(() => parseOrThrow(Order, withField("clientReference", ""))).not.toThrow();
  });
});

describe("messages", () => {
  const marker = "424242424242";

  it.each([
    ["a number where a string belongs", "payment.token", Number(marker)],
    ["a string where a number belongs", "items[0].quantity", marker],
    ["an object where a string belongs", "customer.email", { card: marker }],
    ["a list where an object belongs", "shippingAddress", [marker]],
    ["a string outside the pattern", "payment.token", `tok ${marker}`],
    ["an unknown currency", "currency", marker],
    ["a quantity out of range", "items", [{ sku: "SKU-MUG", quantity: Number(marker) }]],
    [
      "an item list too long",
      "items",
      Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${marker}${i}`, quantity: 1 })),
    ],
  ])("never repeat the value: %s", (_case, path, value) => {
    // Act
    const error = validationOf(withField(path, value));

    // Assess
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.message).not.toContain(marker);
  });

  it("never repeat an unknown key that is not a plain field name", () => {
    // Prepare
    const input = { ...withField("currency", "EUR"), [`${marker}\u202e`]: 1 };

    // Act
    const error = validationOf(input);

    // Assess
    expect(error.message).toBe("invalid input: (field): is not a known field");
  });

  it("never repeat any string put into any string field", () => {
    const secret = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 12, maxLength: 19 });
    const field = fc.constantFrom(...STRING_FIELDS.map(([path]) => path));
    const decorate = fc.constantFrom(
      (s: string) => s,
      (s: string) => `tok ${s}`,
      (s: string) => `${s}\u0000`,
      (s: string) => ` ${s} `.repeat(30),
    );
    fc.assert(
      fc.property(field, secret, decorate, (path, digits, wrap) => {
        // Act
        let message = "";
        try {
          parseOrThrow(Order, withField(path, wrap(digits)));
        } catch (error) {
          message = (error as Error).message;
        }

        // Assess: some values are valid (a 12-digit customer id is), which is fine, but none is echoed
        expect(message).not.toContain(digits);
      }),
      { numRuns: 300 },
    );
  });

  it("say what the field must be when the type is wrong", () => {
    // Act
    const error = validationOf(withField("payment.token", 4242));

    // Assess
    expect(error.message).toBe("invalid input: payment.token: must be a string");
  });
});

describe("issue lists", () => {
  it("list at most 20 problems and count the rest", () => {
    // Prepare: 9,000 empty items are 18,000 problems (each lacks its SKU and quantity)
    const items = Array.from({ length: 9000 }, () => ({}));

    // Act
    const error = validationOf(withField("items", items));

    // Assess
    expect(error.issues).toHaveLength(20);
    expect(error.message).toMatch(/; and 17980 more$/);
    expect(error.message.length).toBeLessThan(1000);
  });
});

describe("OrderRequest", () => {
  it("refuses what Order refuses, so the API and ValidateOrder agree on hostile text", () => {
    // Prepare
    const hostile = STRING_FIELDS.flatMap(([path, valid]) =>
      HOSTILE_TEXT.map(([, make]) => withField(path, make(valid))),
    );

    // Act
    const accepted = hostile.filter((input) => v.safeParse(OrderRequest, input, PARSE_CONFIG).success);

    // Assess
    expect(hostile).toHaveLength(STRING_FIELDS.length * HOSTILE_TEXT.length);
    expect(accepted).toEqual([]);
  });

  it("accepts an order without customer id and without order id", () => {
    // Prepare
    const { orderId: _key, ...request } = withField("customer", { email: "ana@example.com" });

    // Act
    const result = v.safeParse(OrderRequest, request, PARSE_CONFIG);

    // Assess
    expect(result.success).toBe(true);
  });
});
