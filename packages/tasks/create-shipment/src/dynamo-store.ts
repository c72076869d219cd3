import type { CancellationReason } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Shipment } from "@orderflow/domain";
import type { LedgerStep, StepResult } from "@orderflow/task-reserve-inventory/ledger";
import { type ReservationRecord, stockMoveOf } from "@orderflow/task-reserve-inventory/reservation-record";
import type { ShipmentStore } from "./store";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface ShipmentTables {
  readonly shipments: string;
  readonly reservations: string;
  readonly inventory: string;
}

// The record's compare-and-set, exactly as reserve-inventory's ledger writes it: status and held count are
// the record's whole state, since an order's items never change.
const RECORD_IS = "#status = :s0 AND #held = :h0";
const RECORD_NAMES = { "#status": "status", "#held": "heldLines" };

function recordUpdate(table: string, { from, to }: LedgerStep): TransactItem {
  if (!from || !to) throw new Error("a ship step needs the record before and after it");
  return {
    Update: {
      TableName: table,
      Key: { orderId: from.orderId },
      UpdateExpression: "SET #status = :s1, #held = :h1",
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

/**
 * The shipment store on DynamoDB. Each ship step is one TransactWriteItems of the reservation record's
 * compare-and-set, the shipment's put when the step leaves HELD, and one `reserved -= q` per shipped line;
 * a cancelled transaction is read from its reasons, in action order.
 */
export function dynamoShipmentStore(client: DynamoDBDocumentClient, tables: ShipmentTables): ShipmentStore {
  const get = async (table: string, orderId: string) =>
    (await client.send(new GetCommand({ TableName: table, Key: { orderId }, ConsistentRead: true }))).Item;

  // The same shape check as reserve-inventory's reader (not imported: its ledger factory brings its whole
  // write path into this bundle). It catches rows written without the protocol.
  async function getReservation(orderId: string): Promise<ReservationRecord | undefined> {
    const row = await get(tables.reservations, orderId);
    if (!row || (Number.isSafeInteger(row.heldLines) && Array.isArray(row.items))) {
      return row as ReservationRecord | undefined;
    }
    throw byHand(orderId, "its reservation row has no valid heldLines or items");
  }

  async function ship(step: LedgerStep, shipment: Shipment): Promise<StepResult> {
    const orderId = shipment.orderId;
    const booking = step.from?.status === "HELD";
    const { lines } = stockMoveOf(step);
    const guards: TransactItem[] = [recordUpdate(tables.reservations, step)];
    if (booking) {
      guards.push({
        Put: {
          TableName: tables.shipments,
          Item: shipment,
          ConditionExpression: "attribute_not_exists(orderId)",
        },
      });
    }
    const stock = lines.map(
      ({ sku, quantity }): TransactItem => ({
        Update: {
          TableName: tables.inventory,
          Key: { sku },
          UpdateExpression: "SET reserved = reserved - :q",
          // Also false for a SKU without a row, so the update can never create one.
          ConditionExpression: "reserved >= :q",
          ExpressionAttributeValues: { ":q": quantity },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      }),
    );
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
      return { outcome: "stale", current: await getReservation(orderId) };
    }
    if (reasons.some((reason) => reason.Code === "TransactionConflict")) return { outcome: "contended" };
    const rows = reasons.slice(guards.length);
    const shortages = lines.flatMap(({ sku, quantity }, index) => {
      const row = rows[index];
      return row?.Code === "ConditionalCheckFailed"
        ? [{ sku, requested: quantity, available: Number(row.Item?.reserved?.N ?? 0) }]
        : [];
    });
    if (shortages.length > 0) return { outcome: "short", shortages };
    // Left: the shipment put failed beside a HELD record (the two are only ever written together), or
    // a reason this protocol never causes.
    throw byHand(orderId, `shipping was refused (${reasons.map((r) => r.Code)})`);
  }

  return {
    getShipment: async (orderId) => (await get(tables.shipments, orderId)) as Shipment | undefined,
    getReservation,
    ship,
  };
}

const byHand = (orderId: string, what: string) =>
  new Error(
    `order ${orderId}: ${what}; its rows were changed outside the reservation protocol, fix them by hand`,
  );
