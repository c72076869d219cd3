import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Order, OrderRequest, parseOrThrow, ValidationError } from "../src";
import { validOrder } from "./arbitraries";
import wireOrder from "./fixtures/order.json" with { type: "json" };

type Json = Record<string, unknown>;

/** One field made wrong: where, and how. `undefined` as value removes the field. */
interface Corruption {
  readonly path: string;
  readonly value: unknown;
}

function corruptionsFor(order: Order): fc.Arbitrary<Corruption> {
  const item = fc.integer({ min: 0, max: order.items.length - 1 });
  const at = (path: string, ...values: unknown[]) =>
    fc.constantFrom(...values).map((value) => ({ path, value }));
  return fc.oneof(
    at("orderId", "", "has space", "x".repeat(65), 42, null),
    at("customer", undefined, "cus_1"),
    at("customer.id", "", "a b", undefined),
    at("customer.email", "not-an-email", "", undefined),
    at("currency", "EURO", "eur", "QQQ", undefined),
    at("items", [], "SKU-1", undefined),
    item.chain((i) => at(`items[${i}].sku`, "lower-case", "AB", "-LEADING", "X".repeat(33), undefined)),
    item.chain((i) => at(`items[${i}].quantity`, 0, 1000, 1.5, -1, "2", undefined)),
    item.chain((i) => at(`items[${i}].price`, 100)),
    at("shippingAddress.name", "", "   ", undefined),
    at("shippingAddress.line1", "", undefined),
    at("shippingAddress.city", "", undefined),
    at("shippingAddress.postalCode", "", "!!", "1234567890ABCDEFG"),
    at("shippingAddress.country", "Germany", "de", "ZZ", "EU", undefined),
    at("payment.token", "tok visa", "", undefined),
    at("payment", "tok_visa", undefined),
    at("clientReference", "r".repeat(65), 7),
    at("discount", 10),
  );
}

function applyCorruption(order: Order, { path, value }: Corruption): Json {
  const copy = structuredClone(order) as unknown as Json;
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  const last = keys.pop() as string;
  let target: Json = copy;
  for (const key of keys) target = target[key] as Json;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe("Order schema", () => {
  it("accepts the documented wire shape", () => {
    expect(parseOrThrow(Order, wireOrder)).toEqual(wireOrder);
  });

  it("parses every generated valid order unchanged", () => {
    fc.assert(
      fc.property(validOrder, (order) => {
        expect(parseOrThrow(Order, order).orderId).toBe(order.orderId);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects every single-field corruption with an error naming the field path", () => {
    fc.assert(
      fc.property(
        validOrder.chain((order) => fc.tuple(fc.constant(order), corruptionsFor(order))),
        ([order, corruption]) => {
          const bad = applyCorruption(order, corruption);
          let error: unknown;
          try {
            parseOrThrow(Order, bad);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(ValidationError);
          const validation = error as ValidationError;
          expect(validation.issues.map((i) => i.path)).toContain(corruption.path);
          expect(validation.message).toContain(`${corruption.path}:`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("lists every problem at once, not just the first", () => {
    const bad = { ...wireOrder, currency: "EURO", items: [{ sku: "bad", quantity: 0 }] };
    const error = (() => {
      try {
        parseOrThrow(Order, bad);
      } catch (caught) {
        return caught as ValidationError;
      }
    })();
    expect(error?.issues.map((i) => i.path).sort()).toEqual([
      "currency",
      "items[0].quantity",
      "items[0].sku",
    ]);
  });

  it("rejects a SKU listed twice, naming the repeated line", () => {
    const bad = { ...wireOrder, items: [wireOrder.items[0], wireOrder.items[0]] };
    expect(() => parseOrThrow(Order, bad)).toThrow(/items\[1\]\.sku: repeats SKU SKU-TSHIRT-M of item 0/);
  });

  it("requires the order id inside the workflow but not at the API", () => {
    const { orderId: _dropped, ...withoutId } = wireOrder;
    expect(parseOrThrow(OrderRequest, withoutId).orderId).toBeUndefined();
    expect(() => parseOrThrow(Order, withoutId)).toThrow(/orderId: is required/);
  });

  it("names a non-object input as the root", () => {
    expect(() => parseOrThrow(Order, "not an order")).toThrow(/\(root\):/);
  });
});

describe("issue messages", () => {
  it("keeps a nested field's own problem instead of calling it unknown", () => {
    const bad = { ...wireOrder, items: [{ sku: "SKU-TSHIRT-M", quantity: 2.5 }] };
    expect(() => parseOrThrow(Order, bad)).toThrow("items[0].quantity: must be a whole number");
  });
});
