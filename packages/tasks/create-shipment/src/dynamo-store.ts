import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Shipment } from "@orderflow/domain";
import { dynamoShippingLedger, type ShippingTables } from "@orderflow/inventory";
import { readRow } from "@orderflow/task-kit";
import type { ShipmentStore } from "./store";

/** The shipment store on DynamoDB: the shipments table and the inventory library's reservation ledger. */
export function dynamoShipmentStore(client: DynamoDBDocumentClient, tables: ShippingTables): ShipmentStore {
  return {
    getShipment: (orderId) => readRow(client, tables.shipments, { orderId }) as Promise<Shipment | undefined>,
    reservations: dynamoShippingLedger(client, tables),
  };
}
