import type { Money } from "@orderflow/domain";

interface Seeded {
  readonly available: number;
  readonly price: Money;
  /** How many executions had started when the SKU was seeded: only later ones move its stock. */
  readonly since: number;
}

/**
 * What the runtime seeded, per SKU: the baseline stock conservation is checked against, and the prices an
 * order's total is computed from.
 */
export class StockBook {
  private readonly seeded = new Map<string, Seeded>();

  seed(
    stock: Readonly<Record<string, { readonly available: number; readonly price: Money }>>,
    since: number,
  ): void {
    for (const [sku, { available, price }] of Object.entries(stock))
      this.seeded.set(sku, { available, price, since });
  }

  of(sku: string): Seeded | undefined {
    return this.seeded.get(sku);
  }

  /** What the items cost at the seeded prices, or undefined when one is unknown or currencies mix. */
  totalOf(items: readonly { readonly sku: string; readonly quantity: number }[]): Money | undefined {
    let amount = 0;
    let currency: string | undefined;
    for (const { sku, quantity } of items) {
      const price = this.seeded.get(sku)?.price;
      if (!price || (currency !== undefined && price.currency !== currency)) return undefined;
      currency = price.currency;
      amount += price.amount * quantity;
    }
    return currency === undefined ? undefined : { amount, currency };
  }
}
