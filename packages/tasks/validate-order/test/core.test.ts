import {
  type Money,
  Order,
  SKU_PATTERN,
  ValidatedOrder,
  type ValidateOrderInput,
  ValidationError,
} from "@orderflow/domain";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { priceOrder, validateOrder } from "../src/core";
import { catalogOf } from "./catalog-stub";
import catalog from "./fixtures/catalog.json" with { type: "json" };
import order from "./fixtures/order.json" with { type: "json" };
import { recordingOrders } from "./order-records-stub";
import { personalOrder, personalStrings, SERVED } from "./personal-orders";

const eur = (amount: number): Money => ({ amount, currency: "EUR" });
const SHIPPING = ["DE", "AT", "NL"];
const depsOf = (rows = catalog) => ({
  catalog: catalogOf(rows),
  orders: recordingOrders(),
  supportedCountries: SHIPPING,
});
/** What the workflow carries on for the fixture order: ids, items, the card token and the amounts. */
const PRICED = {
  orderId: order.orderId,
  customerId: order.customer.id,
  currency: "EUR",
  items: order.items,
  payment: order.payment,
  lines: [
    { sku: "SKU-TSHIRT-M", quantity: 2, unitPrice: eur(1999), lineTotal: eur(3998) },
    { sku: "SKU-MUG", quantity: 1, unitPrice: eur(850), lineTotal: eur(850) },
  ],
  subtotal: eur(4848),
  total: eur(4848),
};

const pricedItems = fc.uniqueArray(
  fc.record({
    sku: fc.stringMatching(SKU_PATTERN),
    quantity: fc.integer({ min: 1, max: 999 }),
    amount: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  { minLength: 1, maxLength: 100, selector: (item) => item.sku },
);

const orderOf = (items: readonly { sku: string; quantity: number }[]): ValidateOrderInput => ({
  ...order,
  items: items.map(({ sku, quantity }) => ({ sku, quantity })),
});

describe("validateOrder", () => {
  it("prices every line from the catalog and totals them in minor units, keeping no personal data", async () => {
    // Prepare
    const deps = depsOf();

    // Act
    const validated = await validateOrder(order, deps);

    // Assess
    expect(validated).toEqual(PRICED);
  });

  it("records the order (as given, for the orders table) once it is valid", async () => {
    // Prepare
    const deps = depsOf();

    // Act
    await validateOrder(order, deps);

    // Assess
    expect(deps.orders.recordIfAbsent).toHaveBeenCalledExactlyOnceWith(order);
  });

  it("asks the catalog once, for exactly the order's SKUs", async () => {
    // Prepare
    const deps = depsOf();

    // Act
    await validateOrder(order, deps);

    // Assess
    expect(deps.catalog.pricesOf).toHaveBeenCalledTimes(1);
    expect(deps.catalog.pricesOf).toHaveBeenCalledWith(["SKU-TSHIRT-M", "SKU-MUG"]);
  });

  it("refuses a destination we do not ship to before any write, naming where we ship and not echoing the input", async () => {
    // Prepare
    const deps = depsOf();
    const abroad = { ...order, shippingAddress: { ...order.shippingAddress, country: "US" } };

    // Act
    const attempt = validateOrder(abroad, deps);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ValidationError;
    expect(error.issues).toEqual([
      { path: "shippingAddress.country", message: "we do not ship there; we ship to DE, AT, NL" },
    ]);
    for (const echoed of ["US", order.shippingAddress.name, order.shippingAddress.city]) {
      expect(error.message).not.toContain(echoed);
    }
    expect(deps.orders.recordIfAbsent).not.toHaveBeenCalled();
  });

  it("lists the destination, every unknown SKU and every currency mismatch in one ValidationError, each with its path, and records nothing", async () => {
    // Prepare
    const mixed = orderOf([
      { sku: "SKU-CAP-US", quantity: 1 },
      { sku: "SKU-MUG", quantity: 1 },
      { sku: "SKU-NOPE", quantity: 1 },
      { sku: "SKU-GONE", quantity: 2 },
    ]);

    // Act
    const deps = depsOf();
    const attempt = validateOrder(
      { ...mixed, shippingAddress: { ...mixed.shippingAddress, country: "FR" } },
      deps,
    );

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [
        { path: "shippingAddress.country", message: expect.stringMatching(/^we do not ship there;/) },
        { path: "items[0].sku", message: expect.stringMatching(/^priced in USD but the order is in EUR;/) },
        { path: "items[2].sku", message: expect.stringMatching(/^unknown SKU SKU-NOPE:/) },
        { path: "items[3].sku", message: expect.stringMatching(/^unknown SKU SKU-GONE:/) },
      ],
    });
    expect(deps.orders.recordIfAbsent).not.toHaveBeenCalled();
  });
});

describe("priceOrder", () => {
  it("keeps no e-mail, name, address or client reference of any valid order in its result", () => {
    fc.assert(
      fc.property(personalOrder, (generated) => {
        // Prepare: an order the schema accepts, as every order reaching the task is
        expect(v.is(Order, generated)).toBe(true);
        const prices = new Map(generated.items.map((item) => [item.sku, eur(100)]));

        // Act
        const validated = priceOrder(generated, prices, SERVED);

        // Assess
        const json = JSON.stringify(validated);
        for (const personal of personalStrings(generated)) expect(json).not.toContain(personal);
        expect(Object.keys(validated).sort()).toEqual(Object.keys(ValidatedOrder.entries).sort());
        expect(v.is(ValidatedOrder, validated)).toBe(true);
      }),
    );
  });

  it("totals any order to the exact sum of catalog price times quantity, line by line in item order", () => {
    fc.assert(
      fc.property(pricedItems, (items) => {
        // Prepare
        const prices = new Map(items.map((item) => [item.sku, eur(item.amount)]));

        // Act
        const validated = priceOrder(orderOf(items), prices, SHIPPING);

        // Assess
        const expected = items.reduce((sum, item) => sum + item.amount * item.quantity, 0);
        expect(validated.lines.map((line) => [line.sku, line.lineTotal.amount])).toEqual(
          items.map((item) => [item.sku, item.amount * item.quantity]),
        );
        expect(validated.subtotal).toEqual(eur(expected));
        expect(validated.total).toEqual(validated.subtotal);
      }),
    );
  });

  it("names exactly the items whose SKU the catalog does not know", () => {
    fc.assert(
      fc.property(
        pricedItems.chain((items) =>
          fc.tuple(
            fc.constant(items),
            fc.subarray(
              items.map((_, index) => index),
              { minLength: 1 },
            ),
          ),
        ),
        ([items, unknown]) => {
          // Prepare
          const prices = new Map(
            items.filter((_, index) => !unknown.includes(index)).map((item) => [item.sku, eur(item.amount)]),
          );

          // Act
          const attempt = () => priceOrder(orderOf(items), prices, SHIPPING);

          // Assess
          let error: unknown;
          try {
            attempt();
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(
            unknown.map((index) => `items[${index}].sku`),
          );
        },
      ),
    );
  });
});
