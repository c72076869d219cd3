import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { readInventory, type TableNames } from "@orderflow/dynamodb-local";
import type { LocalEventLog } from "./event-log";

export interface StockLevel {
  /** Units that can still be sold. */
  readonly available: number;
  /** Units held for orders not yet shipped. */
  readonly reserved: number;
}

/** What one order left behind, read back from the tables and the event log. */
export interface Ledger {
  /** The orders-table item, or null when there is none. */
  readonly order: Record<string, unknown> | null;
  /** Stock of the order's SKUs. */
  readonly inventory: Record<string, StockLevel>;
  /** One record per charge, in its current state. */
  readonly payments: { status: unknown; amount: unknown }[];
  readonly shipments: { status: unknown; trackingNumber: unknown }[];
  readonly events: { detailType: string; detail: unknown }[];
}

export interface LedgerSources {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly events: LocalEventLog;
}

/** The SKUs an order input names, whatever else is wrong with it. */
export function skusOf(order: unknown): string[] {
  const items = (order as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  return [...new Set(items.flatMap((i) => (typeof i?.sku === "string" ? [i.sku] : [])))];
}

/** The order's ledger: its item, the stock of `skus`, its payment and shipment rows, its events. */
export async function readLedger(
  sources: LedgerSources,
  orderId: string,
  skus: readonly string[],
): Promise<Ledger> {
  const get = async (table: keyof TableNames) =>
    (
      await sources.documents.send(
        new GetCommand({ TableName: sources.tables[table], Key: { orderId }, ConsistentRead: true }),
      )
    ).Item;
  const [order, payment, shipment, stock] = await Promise.all([
    get("orders"),
    get("payments"),
    get("shipments"),
    readInventory(sources.client, sources.tables.inventory, skus),
  ]);
  return {
    order: order ?? null,
    inventory: Object.fromEntries(
      stock.map((s) => [s.sku, { available: s.available, reserved: s.reserved }]),
    ),
    payments: payment ? [{ status: payment.status, amount: payment.amount }] : [],
    shipments: shipment ? [{ status: shipment.status, trackingNumber: shipment.trackingNumber }] : [],
    events: sources.events.forOrder(orderId).map((e) => ({ detailType: e.detailType, detail: e.detail })),
  };
}
