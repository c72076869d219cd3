import type { CancellationReason } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { describeIssues, InventoryContention, type LineItem, Reservation, Shipment } from "@orderflow/domain";
import * as v from "valibot";
import type { ReservationRecord, ShipmentStore, WriteOutcome } from "./store";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export interface ShipmentTables {
  readonly shipments: string;
  readonly reservations: string;
  readonly inventory: string;
}

const StoredReservation = v.object({
  ...Reservation.entries,
  stockBatches: v.optional(v.number()),
  stockBatchesDone: v.optional(v.number()),
});

// Conflicts with other transactions on the same rows clear within milliseconds; past these tries the
// workflow's own retry (InventoryContention) takes over.
const CONFLICT_RETRY_DELAYS_MS = [25, 75, 200];

function parseRow<S extends v.GenericSchema>(schema: S, item: Record<string, unknown>, what: string) {
  const result = v.safeParse(schema, item);
  if (result.success) return result.output as v.InferOutput<S>;
  const problems = describeIssues(result.issues).map((i) => `${i.path}: ${i.message}`);
  // Our own rows not fitting is a defect here, not the caller's input: a plain Error, not a ValidationError.
  throw new Error(`${what} row for order ${String(item.orderId)} is malformed: ${problems.join("; ")}`);
}

function takeReserved(inventory: string, { sku, quantity }: LineItem): TransactItem {
  return {
    Update: {
      TableName: inventory,
      Key: { sku },
      UpdateExpression: "SET reserved = reserved - :quantity",
      // Also false for a SKU without a row, so the update can never create one.
      ConditionExpression: "reserved >= :quantity",
      ExpressionAttributeValues: { ":quantity": quantity },
    },
  };
}

/**
 * Runs one transaction whose first `guards` actions carry the state conditions and whose remaining
 * actions take `batch` out of stock; maps a cancellation to the refusal it stands for.
 */
async function transact(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  guards: number,
  batch: readonly LineItem[],
): Promise<WriteOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if ((error as Error).name !== "TransactionCanceledException") throw error;
      const codes = ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? []).map(
        (reason) => reason.Code,
      );
      if (codes.slice(0, guards).includes("ConditionalCheckFailed"))
        return { ok: false, refused: "STATE_CHANGED" };
      const short = batch
        .filter((_, i) => codes[guards + i] === "ConditionalCheckFailed")
        .map((item) => item.sku);
      if (short.length > 0) return { ok: false, refused: "STOCK_SHORT", skus: short };
      if (!codes.includes("TransactionConflict")) throw error;
      const delay = CONFLICT_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        throw new InventoryContention(
          "other orders kept changing the same stock rows while this shipment was booked; nothing was written, retry",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    }
  }
}

/** The shipment store on DynamoDB: shipments and reservations keyed by `orderId`, inventory by `sku`. */
export function dynamoShipmentStore(client: DynamoDBDocumentClient, tables: ShipmentTables): ShipmentStore {
  const get = async (tableName: string, orderId: string) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true })))
      .Item;

  return {
    async getShipment(orderId) {
      const item = await get(tables.shipments, orderId);
      return item && parseRow(Shipment, item, "shipments");
    },
    async getReservation(orderId): Promise<ReservationRecord | undefined> {
      const item = await get(tables.reservations, orderId);
      return item && parseRow(StoredReservation, item, "reservations");
    },
    commitShipment(shipment, firstBatch, batches) {
      const guards: TransactItem[] = [
        {
          Put: {
            TableName: tables.shipments,
            Item: shipment,
            ConditionExpression: "attribute_not_exists(orderId)",
          },
        },
        {
          Update: {
            TableName: tables.reservations,
            Key: { orderId: shipment.orderId },
            UpdateExpression:
              "SET #status = :shipped, shippedAt = :at, stockBatches = :batches, stockBatchesDone = :one",
            ConditionExpression: "#status = :held",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":shipped": "SHIPPED",
              ":held": "HELD",
              ":at": shipment.createdAt,
              ":batches": batches,
              ":one": 1,
            },
          },
        },
      ];
      const stock = firstBatch.map((item) => takeReserved(tables.inventory, item));
      return transact(client, [...guards, ...stock], guards.length, firstBatch);
    },
    handOverBatch(orderId, index, batch) {
      const guard: TransactItem = {
        Update: {
          TableName: tables.reservations,
          Key: { orderId },
          UpdateExpression: "SET stockBatchesDone = :next",
          ConditionExpression: "#status = :shipped AND stockBatchesDone = :index",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":shipped": "SHIPPED", ":index": index, ":next": index + 1 },
        },
      };
      const stock = batch.map((item) => takeReserved(tables.inventory, item));
      return transact(client, [guard, ...stock], 1, batch);
    },
  };
}
