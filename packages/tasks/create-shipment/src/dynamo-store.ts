import type { CancellationReason } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Shipment } from "@orderflow/domain";
import { dynamoReservationLedger } from "@orderflow/task-reserve-inventory/dynamo-ledger";
import type { LedgerStep, StepResult } from "@orderflow/task-reserve-inventory/ledger";
import { stockMoveOf } from "@orderflow/task-reserve-inventory/reservation-record";
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
  if (!from || !to)
    throw new Error("a ship step changes an existing reservation record; it never creates one");
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
 * The shipment store on DynamoDB. Reservation records are read with reserve-inventory's ledger (one
 * reader, one shape check); each ship step is one TransactWriteItems of the record's compare-and-set, the
 * shipment's put when the step leaves HELD, and one `reserved -= q` per shipped line. A cancelled
 * transaction is read from its reasons, in action order.
 */
export function dynamoShipmentStore(client: DynamoDBDocumentClient, tables: ShipmentTables): ShipmentStore {
  const reservations = dynamoReservationLedger(client, tables);

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

    const [record, put] = reasons;
    if (record?.Code === "ConditionalCheckFailed") {
      return { outcome: "stale", current: await reservations.get(orderId) };
    }
    if (booking && put?.Code === "ConditionalCheckFailed") {
      // The shipment and the SHIPPED record are only ever written together.
      throw new Error(
        `order ${orderId} has a shipment while its reservation is still HELD; the rows were changed by hand, fix them`,
      );
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
    throw unexpectedCancellation(orderId, reasons);
  }

  return {
    async getShipment(orderId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tables.shipments, Key: { orderId }, ConsistentRead: true }),
      );
      return Item as Shipment | undefined;
    },
    getReservation: reservations.get,
    ship,
  };
}

function unexpectedCancellation(orderId: string, reasons: readonly CancellationReason[]): Error {
  return new Error(
    `shipping order ${orderId} was cancelled for an unexpected reason (${reasons.map((r) => r.Code).join(", ")})`,
  );
}
