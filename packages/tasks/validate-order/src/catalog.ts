import type { Money } from "@orderflow/domain";

/** The catalog as validate-order needs it: the current price of each SKU. */
export interface Catalog {
  /** The price of every asked SKU the catalog knows; unknown SKUs are absent from the answer. */
  pricesOf(skus: readonly string[]): Promise<ReadonlyMap<string, Money>>;
}
