import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Email, LineItem } from "@orderflow/domain";
import * as v from "valibot";
import type { CustomerContact, OrderContacts } from "./ports";

/** The part of the stored order (the orders item's `order`, stored without payment) a mail needs. */
const StoredContact = v.object({
  customer: v.object({ email: Email }),
  shippingAddress: v.object({ name: v.string() }),
  items: v.array(v.object({ sku: LineItem.entries.sku, quantity: LineItem.entries.quantity })),
});

/** Contacts on the orders table (key `orderId`): one consistent GetItem of the item's `order`. */
export function dynamoOrderContacts(client: DynamoDBDocumentClient, tableName: string): OrderContacts {
  return {
    async contactOf(orderId): Promise<CustomerContact | undefined> {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { orderId },
          ProjectionExpression: "#order",
          ExpressionAttributeNames: { "#order": "order" },
          ConsistentRead: true,
        }),
      );
      if (!Item) return undefined;
      const parsed = v.safeParse(StoredContact, Item.order);
      if (!parsed.success) {
        throw new Error(
          `order ${orderId} in the orders table has no usable customer e-mail, shipping name or items; fix the item`,
        );
      }
      const { customer, shippingAddress, items } = parsed.output;
      return { email: customer.email, name: shippingAddress.name, items };
    },
  };
}
