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
import type { OrderRecords } from "./order-records";

export interface ValidateOrderDeps {
  readonly catalog: Catalog;
  readonly orders: OrderRecords;
  /** The countries the shop ships to (the setting CreateShipment books shipments by). */
  readonly supportedCountries: readonly string[];
}

/**
 * Prices a well-formed order from catalog prices. Prices never come from the client: the order schema
 * has no price field. Totals are integer minor units; `total` equals `subtotal` because the shop adds
 * no shipping fee or tax yet.
 *
 * @throws ValidationError listing every line whose SKU the catalog does not know or prices in another
 *   currency than the order, each under its field path (`items[2].sku`).
 */
export function priceOrder(
  order: ValidateOrderInput,
  prices: ReadonlyMap<string, Money>,
  supportedCountries: readonly string[],
): ValidatedOrder {
  const issues: FieldIssue[] = [];
  // Refused here, before anything is reserved or charged, rather than by CreateShipment after the charge.
  if (!supportedCountries.includes(order.shippingAddress.country)) {
    issues.push({
      path: "shippingAddress.country",
      message: `we do not ship there; we ship to ${supportedCountries.join(", ")}`,
    });
  }
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
  const { orderId, customer, currency, items, payment } = order;
  return { orderId, customerId: customer.id, currency, items, payment, lines, subtotal, total: subtotal };
}

/**
 * Validates a schema-valid order against the catalog and the shipping settings, prices it, and records it
 * in the orders table unless it is there already (an execution started without the API, e.g. by
 * `orderflow start`), so that the tasks after it read the order's personal data from there: the result
 * carries ids, items and amounts only. Schema problems (a bad address, a repeated SKU ...) are rejected
 * before this runs, by the domain schema, all listed at once; the API applies the same schema when the
 * order is posted, so in practice only catalog and destination problems reach here.
 */
export async function validateOrder(
  order: ValidateOrderInput,
  deps: ValidateOrderDeps,
): Promise<ValidatedOrder> {
  const prices = await deps.catalog.pricesOf(order.items.map((item) => item.sku));
  const validated = priceOrder(order, prices, deps.supportedCountries);
  await deps.orders.recordIfAbsent(order);
  return validated;
}
