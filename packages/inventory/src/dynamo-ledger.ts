/**
 * The reservation protocol on DynamoDB: each step is one TransactWriteItems of the record's
 * compare-and-set, the shipment a booking ship step puts, and one conditional update per moved line. A
 * cancelled transaction is read from its cancellation reasons, which come in action order.
 */
import type { CancellationReason } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { LineItem } from "@orderflow/domain";
import { readRow } from "@orderflow/task-kit";
import type { LedgerStep, ReservationLedger, ShippingLedger, StepResult } from "./ledger";
import { type ReservationRecord, type StockMove, stockMoveOf } from "./reservation-record";
import { shippedLines } from "./ship-step";

export interface ReservationTables {
  readonly inventory: string;
  readonly reservations: string;
}

/** The tables of a ledger that also books shipments (key `orderId`). */
export interface ShippingTables extends ReservationTables {
  readonly shipments: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

// A step applies only to the record exactly as its planner saw it. Status and held count are the whole
// state: an order's items never change, so a record with the same status and count holds the same stock.
const RECORD_IS = "#status = :s0 AND heldLines = :h0";
// `status` is a DynamoDB reserved word.
const RECORD_NAMES = { "#status": "status" };
const IS_NEW = "attribute_not_exists(orderId)";

const byHand = (orderId: string, what: string) =>
  new Error(`reservation ${orderId}: ${what}; its rows were changed by hand, fix them`);

/** The record's compare-and-set from `from` to `to`. */
function recordUpdate(table: string, from: ReservationRecord, to: ReservationRecord): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: { orderId: from.orderId },
      UpdateExpression: "SET #status = :s1, heldLines = :h1",
      ConditionExpression: RECORD_IS,
      ExpressionAttributeNames: RECORD_NAMES,
      ExpressionAttributeValues: {
        ":s0": from.status,
        ":h0": from.heldLines,
        ":s1": to.status,
        ":h1": to.heldLines,
      },
    },
  };
}

/** The record's write for any step: created (expecting none), updated, or deleted, each as last seen. */
function recordAction(table: string, { from, to }: LedgerStep): TransactItem {
  if (!from) return { Put: { TableName: table, Item: to, ConditionExpression: IS_NEW } };
  if (to) return recordUpdate(table, from, to);
  return {
    Delete: {
      TableName: table,
      Key: { orderId: from.orderId },
      ConditionExpression: RECORD_IS,
      ExpressionAttributeNames: RECORD_NAMES,
      ExpressionAttributeValues: { ":s0": from.status, ":h0": from.heldLines },
    },
  };
}

/**
 * A ship takes `:q` units out of reserved for good, available untouched. The condition is false for a
 * SKU without a row too, so no update creates one.
 */
function shipAction(table: string, { sku, quantity }: LineItem): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: { sku },
      UpdateExpression: "SET reserved = reserved - :q",
      ConditionExpression: "reserved >= :q",
      ExpressionAttributeValues: { ":q": quantity },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/**
 * A hold moves `:q` units from available to reserved, a return (negative `:q`) moves them back; `:r` is
 * what reserved must hold first (the units a return takes out), so neither count can go negative.
 */
function stockAction(table: string, move: StockMove, line: LineItem): TransactItem {
  if (move === "ship") return shipAction(table, line);
  const { sku, quantity } = line;
  return {
    Update: {
      TableName: table,
      Key: { sku },
      UpdateExpression: "SET available = available - :q, reserved = reserved + :q",
      ConditionExpression: "available >= :q AND reserved >= :r",
      ExpressionAttributeValues:
        move === "hold" ? { ":q": quantity, ":r": 0 } : { ":q": -quantity, ":r": quantity },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/** The order's record, strongly consistent; a shape check catches rows written without the protocol. */
async function readReservation(client: DynamoDBDocumentClient, table: string, orderId: string) {
  const row = await readRow(client, table, { orderId });
  if (!row || (Number.isSafeInteger(row.heldLines) && Array.isArray(row.items))) {
    return row as ReservationRecord | undefined;
  }
  throw byHand(orderId, "its record has no valid heldLines or items");
}

/** What one step writes, in action order: `guards` (the record's write, maybe a shipment), then `stock`. */
interface StepWrite {
  readonly orderId: string;
  readonly move: StockMove;
  readonly lines: readonly LineItem[];
  readonly guards: readonly TransactItem[];
  readonly stock: readonly TransactItem[];
}

/**
 * Sends one step's transaction. A cancellation is read from its reasons: the record's failed condition
 * means stale (with the record as it is now), a conflict contended, a line's failed condition short, with
 * the units the row had (`available` for a hold, `reserved` for a ship; 0 without a row). A refused
 * return, or a refused shipment beside a record as expected, comes only from rows changed by hand: an
 * Error says so.
 */
async function transact(
  client: DynamoDBDocumentClient,
  reservations: string,
  { orderId, move, lines, guards, stock }: StepWrite,
): Promise<StepResult> {
  let reasons: CancellationReason[];
  try {
    await client.send(new TransactWriteCommand({ TransactItems: [...guards, ...stock] }));
    return { outcome: "applied" };
  } catch (error) {
    const cancelled = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
    // Only TransactionCanceledException carries cancellation reasons.
    if (!cancelled) throw error;
    reasons = cancelled;
  }

  if (reasons[0]?.Code === "ConditionalCheckFailed") {
    return { outcome: "stale", current: await readReservation(client, reservations, orderId) };
  }
  if (reasons.some((reason) => reason.Code === "TransactionConflict")) return { outcome: "contended" };
  const rows = reasons.slice(guards.length);
  const had = move === "ship" ? "reserved" : "available";
  const shortages = lines.flatMap(({ sku, quantity }, index) => {
    const row = rows[index];
    return row?.Code === "ConditionalCheckFailed"
      ? [{ sku, requested: quantity, available: Number(row.Item?.[had]?.N ?? 0) }]
      : [];
  });
  if (move !== "return" && shortages.length > 0) return { outcome: "short", shortages };
  throw byHand(orderId, `${move} refused (${reasons.map((r) => r.Code)})`);
}

/** The reservation ledger on DynamoDB, for steps of any kind (hold, return, ship without a shipment). */
export function dynamoReservationLedger(
  client: DynamoDBDocumentClient,
  tables: ReservationTables,
): ReservationLedger {
  return {
    get: (orderId) => readReservation(client, tables.reservations, orderId),
    apply(step) {
      const { move, lines } = stockMoveOf(step);
      return transact(client, tables.reservations, {
        orderId: (step.from ?? step.to)?.orderId ?? "",
        move,
        lines,
        guards: [recordAction(tables.reservations, step)],
        stock: lines.map((line) => stockAction(tables.inventory, move, line)),
      });
    },
  };
}

/**
 * The reservation ledger of shipping on DynamoDB: ship steps only (each moves the record from one
 * status and count to the next), the booking one with the shipment's conditional put.
 */
export function dynamoShippingLedger(client: DynamoDBDocumentClient, tables: ShippingTables): ShippingLedger {
  return {
    get: (orderId) => readReservation(client, tables.reservations, orderId),
    apply(step, shipment) {
      const { from, to } = step;
      const guards = [recordUpdate(tables.reservations, from, to)];
      if (shipment && from.status === "HELD") {
        guards.push({ Put: { TableName: tables.shipments, Item: shipment, ConditionExpression: IS_NEW } });
      }
      const lines = shippedLines(step);
      const stock = lines.map((line) => shipAction(tables.inventory, line));
      return transact(client, tables.reservations, {
        orderId: from.orderId,
        move: "ship",
        lines,
        guards,
        stock,
      });
    },
  };
}
