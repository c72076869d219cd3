import { randomBytes } from "node:crypto";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type CreateShipmentInput, type LineItem, newOrderId } from "@orderflow/domain";
import { readInventory, seedInventory } from "@orderflow/dynamodb-local";
import type { LocalTables } from "@orderflow/dynamodb-local/vitest";
import type { ReservationRecord } from "@orderflow/inventory";
import { readRow } from "@orderflow/task-kit";
import orderItem from "./fixtures/order-item.json" with { type: "json" };

/**
 * Where an order ships, as its orders item records it: the fixture's address in `country`, an item whose
 * order has no address, or no item at all.
 */
export type Destination = { readonly country: string } | "no address" | "no order item";

/** An order whose stock is reserved: its id, its items, and the CreateShipment input for it (the id only). */
export interface ReservedOrder {
  readonly orderId: string;
  readonly items: LineItem[];
  readonly input: CreateShipmentInput;
}

/** Units other orders hold of every seeded SKU, so a test sees exactly this order's hand-over. */
export const OTHER_ORDERS_RESERVED = 3;
export const AVAILABLE = 10;

/** `count` line items under SKUs no other test uses. */
export function freshItems(count: number): LineItem[] {
  const prefix = randomBytes(4).toString("hex").toUpperCase();
  return Array.from({ length: count }, (_, i) => ({ sku: `T${prefix}-${i}`, quantity: (i % 3) + 1 }));
}

/** `count` line items whose SKUs are as long as SKU_PATTERN allows (32 characters), under fresh SKUs. */
export function maximalItems(count: number): LineItem[] {
  return freshItems(count).map((item, i) => ({
    ...item,
    sku: `${item.sku}-${String(i).padStart(3, "0")}-`.padEnd(32, "X"),
  }));
}

/** Arranging and reading the shipments, reservations and inventory tables of a test file. */
export function shipmentTables(db: LocalTables) {
  const documents = DynamoDBDocumentClient.from(db.client);
  const get = (table: string, orderId: string) => readRow(documents, table, { orderId });

  /** Writes the order's item in the orders table as the API does (the fixture's), with `destination`. */
  async function recordOrder(orderId: string, destination: Destination) {
    if (destination === "no order item") return;
    const { shippingAddress, ...order } = orderItem.order;
    const address =
      destination === "no address" ? {} : { shippingAddress: { ...shippingAddress, ...destination } };
    await documents.send(
      new PutCommand({
        TableName: db.names.orders,
        Item: { ...orderItem, orderId, order: { ...order, orderId, ...address } },
      }),
    );
  }

  return {
    recordOrder,
    /**
     * An order whose items are reserved: stock rows holding its units plus other orders', a reservation
     * record as the protocol's holds write it (all lines held unless `record` says otherwise), and its
     * orders item with `destination` (the fixture's German address unless it says otherwise).
     */
    async reservedOrder(
      items = freshItems(2),
      record: Partial<Pick<ReservationRecord, "status" | "heldLines">> = {},
      destination: Destination = { country: "DE" },
    ): Promise<ReservedOrder> {
      const orderId = newOrderId();
      await seedInventory(
        db.client,
        db.names.inventory,
        items.map(({ sku, quantity }) => ({
          sku,
          price: { amount: 500, currency: "EUR" },
          available: AVAILABLE,
          reserved: quantity + OTHER_ORDERS_RESERVED,
        })),
      );
      const Item: ReservationRecord = {
        orderId,
        items,
        status: "HELD",
        createdAt: new Date().toISOString(),
        heldLines: items.length,
        ...record,
      };
      await documents.send(new PutCommand({ TableName: db.names.reservations, Item }));
      await recordOrder(orderId, destination);
      return { orderId, items, input: { orderId } };
    },
    /** Overwrites one SKU's stock row with `reserved` units reserved. */
    setReserved: (sku: string, reserved: number) =>
      seedInventory(db.client, db.names.inventory, [
        { sku, price: { amount: 500, currency: "EUR" }, available: AVAILABLE, reserved },
      ]),
    /** Writes a reservation row as given, bypassing the protocol (to model rows changed by hand). */
    putReservation: (Item: Record<string, unknown>) =>
      documents.send(new PutCommand({ TableName: db.names.reservations, Item })),
    reservation: (orderId: string) => get(db.names.reservations, orderId),
    shipment: (orderId: string) => get(db.names.shipments, orderId),
    /** Units still reserved per SKU, in the order of `items`. */
    async reserved(items: readonly LineItem[]) {
      const rows = await readInventory(
        db.client,
        db.names.inventory,
        items.map((i) => i.sku),
      );
      return rows.map((row) => row.reserved);
    },
    async available(items: readonly LineItem[]) {
      const rows = await readInventory(
        db.client,
        db.names.inventory,
        items.map((i) => i.sku),
      );
      return rows.map((row) => row.available);
    },
  };
}

/** What `reserved` reads after this order's units were handed over (or, with `handedOver` false, before). */
export function expectedReserved(items: readonly LineItem[], handedOver: boolean): number[] {
  return items.map((i) => OTHER_ORDERS_RESERVED + (handedOver ? 0 : i.quantity));
}
