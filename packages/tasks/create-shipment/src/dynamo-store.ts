import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Shipment } from "@orderflow/domain";
import { dynamoShippingLedger, type ShippingTables } from "@orderflow/inventory";
import { readRow } from "@orderflow/task-kit";
import type { ShipmentStore } from "./store";

/** The shipment store on DynamoDB: the orders and shipments tables and the inventory library's ledger. */
export function dynamoShipmentStore(
  client: DynamoDBDocumentClient,
  tables: ShippingTables & { readonly orders: string },
): ShipmentStore {
  return {
    getShipment: (orderId) => readRow(client, tables.shipments, { orderId }) as Promise<Shipment | undefined>,
    async destinationOf(orderId) {
      const row = await readRow(client, tables.orders, { orderId });
      const country = (row?.order as { shippingAddress?: { country?: unknown } } | undefined)?.shippingAddress
        ?.country;
      return typeof country === "string" ? country : undefined;
    },
    reservations: dynamoShippingLedger(client, tables),
  };
}
