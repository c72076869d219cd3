import fc from "fast-check";

/** The SKUs the model-based stock properties order from. */
export const MODEL_SKUS = ["A", "B", "C"] as const;

/**
 * The arbitraries a model-based stock property starts from: units in stock (0-5) per {@link MODEL_SKUS}
 * entry, and `orders` orders of 1-3 distinct lines over them.
 */
export function stockAndOrders(orders: number) {
  return {
    stock: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)),
    orders: fc.array(
      fc.uniqueArray(
        fc.record({ sku: fc.constantFrom(...MODEL_SKUS), quantity: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 3, selector: (line) => line.sku },
      ),
      { minLength: orders, maxLength: orders },
    ),
  };
}
