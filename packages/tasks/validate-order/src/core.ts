import {
  type FieldIssue,
  type Money,
  multiplyMoney,
  type PricedLine,
  sumMoney,
  type ValidatedOrder,
  type ValidateOrderInput,
  ValidationError,
} from "@orderflow/domain";
import type { Catalog } from "./catalog";

export interface ValidateOrderDeps {
  readonly catalog: Catalog;
}

/**
 * Prices a well-formed order from catalog prices. Prices never come from the client: the order schema
 * has no price field. Totals are integer minor units; `total` equals `subtotal` because the shop adds
 * no shipping fee or tax yet.
 *
 * @throws ValidationError listing every line whose SKU the catalog does not know or prices in another
 *   currency than the order, each under its field path (`items[2].sku`).
 */
export function priceOrder(order: ValidateOrderInput, prices: ReadonlyMap<string, Money>): ValidatedOrder {
  const issues: FieldIssue[] = [];
  const lines: PricedLine[] = [];
  order.items.forEach(({ sku, quantity }, index) => {
    const unitPrice = prices.get(sku);
    const path = `items[${index}].sku`;
    if (!unitPrice) {
      issues.push({
        path,
        message: `unknown SKU ${sku}: it is not in the catalog; correct it or remove the item`,
      });
    } else if (unitPrice.currency !== order.currency) {
      issues.push({
        path,
        message: `priced in ${unitPrice.currency} but the order is in ${order.currency}; order it in ${unitPrice.currency} or remove the item`,
      });
    } else {
      lines.push({ sku, quantity, unitPrice, lineTotal: multiplyMoney(unitPrice, quantity) });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, "order");
  const subtotal = sumMoney(
    order.currency,
    lines.map((line) => line.lineTotal),
  );
  return { ...order, lines, subtotal, total: subtotal };
}

/**
 * Validates a schema-valid order against the catalog and prices it. Schema problems (a bad address, a
 * repeated SKU ...) are rejected before this runs, by the domain schema, all listed at once; the API
 * applies the same schema when the order is posted, so in practice only catalog problems reach here.
 */
export async function validateOrder(
  order: ValidateOrderInput,
  deps: ValidateOrderDeps,
): Promise<ValidatedOrder> {
  const prices = await deps.catalog.pricesOf(order.items.map((item) => item.sku));
  return priceOrder(order, prices);
}
