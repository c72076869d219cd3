import { type Money, SKU_PATTERN, type ValidateOrderInput, ValidationError } from "@orderflow/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priceOrder, validateOrder } from "../src/core";
import { catalogOf } from "./catalog-stub";
import catalog from "./fixtures/catalog.json" with { type: "json" };
import order from "./fixtures/order.json" with { type: "json" };

const eur = (amount: number): Money => ({ amount, currency: "EUR" });

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
  it("prices every line from the catalog and totals them in minor units", async () => {
    // Prepare
    const deps = { catalog: catalogOf(catalog) };

    // Act
    const validated = await validateOrder(order, deps);

    // Assess
    expect(validated).toEqual({
      ...order,
      lines: [
        { sku: "SKU-TSHIRT-M", quantity: 2, unitPrice: eur(1999), lineTotal: eur(3998) },
        { sku: "SKU-MUG", quantity: 1, unitPrice: eur(850), lineTotal: eur(850) },
      ],
      subtotal: eur(4848),
      total: eur(4848),
    });
  });

  it("asks the catalog once, for exactly the order's SKUs", async () => {
    // Prepare
    const deps = { catalog: catalogOf(catalog) };

    // Act
    await validateOrder(order, deps);

    // Assess
    expect(deps.catalog.pricesOf).toHaveBeenCalledTimes(1);
    expect(deps.catalog.pricesOf).toHaveBeenCalledWith(["SKU-TSHIRT-M", "SKU-MUG"]);
  });

  it("lists every unknown SKU and every currency mismatch in one ValidationError, each with its path", async () => {
    // Prepare
    const mixed = orderOf([
      { sku: "SKU-CAP-US", quantity: 1 },
      { sku: "SKU-MUG", quantity: 1 },
      { sku: "SKU-NOPE", quantity: 1 },
      { sku: "SKU-GONE", quantity: 2 },
    ]);

    // Act
    const attempt = validateOrder(mixed, { catalog: catalogOf(catalog) });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationError",
      issues: [
        { path: "items[0].sku", message: expect.stringMatching(/^priced in USD but the order is in EUR;/) },
        { path: "items[2].sku", message: expect.stringMatching(/^unknown SKU SKU-NOPE:/) },
        { path: "items[3].sku", message: expect.stringMatching(/^unknown SKU SKU-GONE:/) },
      ],
    });
  });
});

describe("priceOrder", () => {
  it("totals any order to the exact sum of catalog price times quantity, line by line in item order", () => {
    fc.assert(
      fc.property(pricedItems, (items) => {
        // Prepare
        const prices = new Map(items.map((item) => [item.sku, eur(item.amount)]));

        // Act
        const validated = priceOrder(orderOf(items), prices);

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
          const attempt = () => priceOrder(orderOf(items), prices);

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
