import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { readInventory, type TableNames } from "@orderflow/dynamodb-local";
import { type Row, readRow } from "@orderflow/task-kit";
import { COMPENSATION_ORDER } from "@orderflow/workflow";
import type { LocalEventLog } from "../runtime/event-log";
import type { ExecutionReport, LocalExecution } from "../runtime/execution";
import type { OrderFacts, ProviderCharge, StockFacts } from "./facts";
import { readRows } from "./read-rows";
import type { StockBook } from "./stock-book";

export interface FactSources {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly events: LocalEventLog;
  /** Compensation state → the state it undoes (from the manifests). */
  readonly compensationOf: ReadonlyMap<string, string>;
  readonly stock: StockBook;
  readonly executions: () => readonly LocalExecution[];
}

type Item = Record<string, unknown> | undefined;
type Line = { readonly sku: string; readonly quantity: number };

const itemsOf = (value: unknown): Line[] =>
  Array.isArray(value)
    ? value.filter((l): l is Line => typeof l?.sku === "string" && typeof l.quantity === "number")
    : [];

/**
 * For each compensation, the one the workflow runs after it, from the order the workflow declares rather
 * than from the definition under test: a definition that skipped a compensation must not also redefine
 * which one was owed.
 */
const COMPENSATION_AFTER: Readonly<Record<string, string | undefined>> = Object.fromEntries(
  COMPENSATION_ORDER.map((state, i) => [state, COMPENSATION_ORDER[i + 1]]),
);

/** Reservation rows already read, by order id: the checked order's own is not read twice. */
type KnownReservations = ReadonlyMap<string, Row | undefined>;

/** Units of `sku` the shipped reservations of executions started since its seed handed over. */
async function shippedUnits(
  sources: FactSources,
  sku: string,
  since: number,
  known: KnownReservations,
): Promise<number> {
  let units = 0;
  for (const execution of sources.executions().slice(since)) {
    if (!itemsOf(execution.input.items).some((line) => line.sku === sku)) continue;
    const record = known.has(execution.orderId)
      ? known.get(execution.orderId)
      : await readRow(sources.documents, sources.tables.reservations, { orderId: execution.orderId });
    if (record?.status !== "SHIPPED") continue;
    const handedOver = itemsOf(record.items).slice(Number(record.heldLines ?? 0));
    for (const line of handedOver) if (line.sku === sku) units += line.quantity;
  }
  return units;
}

async function stockFacts(
  sources: FactSources,
  skus: readonly string[],
  known: KnownReservations,
): Promise<Record<string, StockFacts>> {
  const rows = await readInventory(sources.client, sources.tables.inventory, skus);
  const facts: Record<string, StockFacts> = {};
  for (const row of rows) {
    const seeded = sources.stock.of(row.sku);
    if (!seeded) continue;
    const shipped = await shippedUnits(sources, row.sku, seeded.since, known);
    facts[row.sku] = { initial: seeded.available, available: row.available, reserved: row.reserved, shipped };
  }
  return facts;
}

/** The status, amount and charge id of a payments row or a sandbox provider's row. */
function chargeFacts(row: Record<string, unknown>) {
  const amount = row.amount as ProviderCharge["amount"];
  return {
    status: String(row.status),
    amount,
    ...(typeof row.chargeId === "string" && { chargeId: row.chargeId }),
  } as { status: string; amount: ProviderCharge["amount"]; chargeId: string };
}

function incompleteOf(order: Item): string[] | undefined {
  if (typeof order?.incomplete !== "string") return undefined;
  try {
    return Object.keys(JSON.parse(order.incomplete) as object);
  } catch {
    return [];
  }
}

/** Everything one ended execution left behind, read from the tables, the sandbox provider and the bus. */
export async function readFacts(sources: FactSources, report: ExecutionReport): Promise<OrderFacts> {
  const { orderId } = report;
  const row = (table: keyof TableNames, key: Record<string, string>) => ({
    table: sources.tables[table],
    key,
  });
  const [order, payment, provider, reservation, shipment] = await readRows(sources.documents, [
    row("orders", { orderId }),
    row("payments", { orderId }),
    row("gateway", { chargeKey: orderId }),
    row("reservations", { orderId }),
    row("shipments", { orderId }),
  ]);
  const lines = itemsOf(report.input.items);
  const compensations = new Set(sources.compensationOf.keys());
  const incomplete = incompleteOf(order);
  const orderEvents = sources.events.forOrder(orderId);
  return {
    orderId,
    execution: {
      status: report.status,
      states: report.states,
      compensations: report.compensations,
      failedCompensations: report.steps
        .filter((s) => compensations.has(s.state) && s.caught)
        .map((s) => s.state),
      compensationAfter: COMPENSATION_AFTER,
    },
    total: sources.stock.totalOf(lines),
    order: order
      ? {
          status: String(order.status),
          ...(typeof order.error === "string" && { error: order.error }),
          ...(typeof order.cause === "string" && { cause: order.cause }),
          ...(incomplete && { incomplete }),
        }
      : null,
    payment: payment ? chargeFacts(payment) : null,
    provider: provider ? (chargeFacts(provider) as ProviderCharge) : null,
    reservation: reservation
      ? {
          status: String(reservation.status),
          heldLines: Number(reservation.heldLines ?? 0),
          items: itemsOf(reservation.items),
        }
      : null,
    shipment: shipment ? { trackingNumber: String(shipment.trackingNumber) } : null,
    stock: await stockFacts(
      sources,
      [...new Set(lines.map((l) => l.sku))],
      new Map([[orderId, reservation]]),
    ),
    events: orderEvents.map((e) => ({ detailType: e.detailType })),
    tokenFoundIn: placesHolding(tokenOf(report.input), [
      ["the execution's output", report.output],
      ["the orders-table item", order],
      ...orderEvents.map((e): [string, unknown] => [`the ${e.detailType} event`, e.detail]),
    ]),
  };
}

/** The card token the order was placed with, if it names one. */
function tokenOf(input: Record<string, unknown>): string | undefined {
  const token = (input.payment as { token?: unknown } | undefined)?.token;
  return typeof token === "string" && token.length > 0 ? token : undefined;
}

/** The names of the places whose JSON holds `secret` anywhere. */
function placesHolding(secret: string | undefined, places: readonly [string, unknown][]): string[] {
  if (secret === undefined) return [];
  return places.filter(([, value]) => JSON.stringify(value ?? null).includes(secret)).map(([name]) => name);
}
