import type { CancellationReason } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { LedgerStep, ReservationLedger, StepResult } from "./ledger";
import { type ReservationRecord, stockMoveOf } from "./reservation-record";

export interface InventoryTables {
  readonly inventory: string;
  readonly reservations: string;
}

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/**
 * Moves `:q` units from available to reserved (a negative `:q` moves them back); `:r` is what reserved
 * must hold first (the units a return takes out), so neither count can go negative.
 */
const STOCK_MOVE = "SET available = available - :q, reserved = reserved + :q";
const STOCK_SUFFICES = "available >= :q AND reserved >= :r";

// A step applies only to the record exactly as its planner saw it. Status and held count are the whole
// state: an order's items never change, so a record with the same status and count holds the same stock.
const RECORD_IS = "#status = :s0 AND #held = :h0";
const RECORD_NAMES = { "#status": "status", "#held": "heldLines" };

function recordAction(table: string, { from, to }: LedgerStep): TransactItem {
  if (!from)
    return { Put: { TableName: table, Item: to, ConditionExpression: "attribute_not_exists(orderId)" } };
  const expected = {
    TableName: table,
    Key: { orderId: from.orderId },
    ConditionExpression: RECORD_IS,
    ExpressionAttributeNames: RECORD_NAMES,
  };
  const was = { ":s0": from.status, ":h0": from.heldLines };
  if (!to) return { Delete: { ...expected, ExpressionAttributeValues: was } };
  return {
    Update: {
      ...expected,
      UpdateExpression: "SET #status = :s1, #held = :h1",
      ExpressionAttributeValues: { ...was, ":s1": to.status, ":h1": to.heldLines },
    },
  };
}

// Rows come from this ledger, so a shape check suffices; it catches rows written without the protocol.
function recordOf(row: Record<string, unknown>): ReservationRecord {
  if (Number.isSafeInteger(row.heldLines) && Array.isArray(row.items)) return row as ReservationRecord;
  throw new Error(`reservation ${String(row.orderId)} has no valid heldLines or items; fix the row by hand`);
}

/**
 * The reservation ledger on DynamoDB: each step is one TransactWriteItems of the record's conditional
 * write and one conditional update per moved line. A cancelled transaction is read from its cancellation
 * reasons (in action order): the record's failed condition means stale, a conflict means contended, and a
 * line's failed condition means short, with the row's available units from ALL_OLD (0 without a row).
 */
export function dynamoReservationLedger(
  client: DynamoDBDocumentClient,
  tables: InventoryTables,
): ReservationLedger {
  async function get(orderId: string) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.reservations, Key: { orderId }, ConsistentRead: true }),
    );
    return Item ? recordOf(Item) : undefined;
  }

  async function apply(step: LedgerStep): Promise<StepResult> {
    const orderId = (step.from ?? step.to)?.orderId ?? "";
    const { move, lines } = stockMoveOf(step);
    const stock = lines.map(
      ({ sku, quantity }): TransactItem => ({
        Update: {
          TableName: tables.inventory,
          Key: { sku },
          UpdateExpression: STOCK_MOVE,
          ConditionExpression: STOCK_SUFFICES,
          ExpressionAttributeValues:
            move === "hold" ? { ":q": quantity, ":r": 0 } : { ":q": -quantity, ":r": quantity },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      }),
    );
    let reasons: CancellationReason[];
    try {
      await client.send(
        new TransactWriteCommand({ TransactItems: [recordAction(tables.reservations, step), ...stock] }),
      );
      return { outcome: "applied" };
    } catch (error) {
      const cancelled = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
      // Only TransactionCanceledException carries cancellation reasons.
      if (!cancelled) throw error;
      reasons = cancelled;
    }

    const [record, ...rows] = reasons;
    if (record?.Code === "ConditionalCheckFailed") return { outcome: "stale", current: await get(orderId) };
    if (reasons.some((reason) => reason.Code === "TransactionConflict")) return { outcome: "contended" };
    const shortages = lines.flatMap(({ sku, quantity }, index) => {
      const row = rows[index];
      return row?.Code === "ConditionalCheckFailed"
        ? [{ sku, requested: quantity, available: Number(row.Item?.available?.N ?? 0) }]
        : [];
    });
    if (move === "hold" && shortages.length > 0) return { outcome: "short", shortages };
    // A refused return means a row holds fewer reserved units than the reservation: changed by hand.
    throw new Error(
      `reservation ${orderId}: ${move} refused (${reasons.map((r) => r.Code)}); its inventory rows were changed by hand`,
    );
  }

  return { get, apply };
}
