import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { newOrderId } from "@orderflow/domain";
import { parseFixture, seedFixture, withOrderId } from "@orderflow/dynamodb-local/bench-fixture";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { documentClient } from "@orderflow/task-kit";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import fixture from "../bench/fixture.json" with { type: "json" };
import { NotifyCustomerOutput } from "../src/contract";
import { startSesCapture } from "../src/ses-capture";
import { completed, failed } from "./events";

// The orders table on DynamoDB Local and SES v2 captured on loopback; the handler reads both when it loads.
const db = await useLocalTables(["orders"]);
const ses = await startSesCapture();
Object.assign(process.env, { AWS_ENDPOINT_URL_SESV2: ses.endpoint, MAIL_FROM: "orders@shop.example.com" });
const { handler } = await import("../src/handler");
afterAll(() => ses.stop());

async function storeOrder(orderId: string, email: string): Promise<void> {
  const order = {
    orderId,
    customer: { id: "cus_ben", email },
    currency: "EUR",
    items: [{ sku: "SKU-MUG", quantity: 1 }],
    shippingAddress: {
      name: "Ben Ode",
      line1: "Elm St 2",
      city: "Vienna",
      postalCode: "1010",
      country: "AT",
    },
  };
  await documentClient().send(
    new PutCommand({
      TableName: db.names.orders,
      Item: { orderId, status: "FAILED", customerId: "cus_ben", order },
    }),
  );
}

describe("notify-customer handler on DynamoDB Local and a captured SES", () => {
  it("sends the benchmark's OrderCompleted event as one SES v2 SendEmail to the stored address", async () => {
    // Prepare
    const orderId = newOrderId();
    const { event, seed } = withOrderId(parseFixture(fixture, "bench/fixture.json"), orderId);
    await seedFixture(documentClient(), db.names, seed);

    // Act
    const result = await handler(event);

    // Assess
    expect(v.is(NotifyCustomerOutput, result)).toBe(true);
    const mail = ses.mails.find((m) => m.messageId === result.messageId);
    expect(mail).toMatchObject({
      from: "orders@shop.example.com",
      to: ["ana@example.com"],
      subject: `Your order ${orderId} is on its way`,
    });
    expect(mail?.text).toContain("SANDBOX-1Z999AA10123456784");
    expect(mail?.html).toContain("<p>Hello Ana Lima,</p>");
  });

  it("reads the address from the orders table, not from the event", async () => {
    // Prepare
    const orderId = newOrderId();
    await storeOrder(orderId, "ben@example.org");

    // Act
    const result = await handler(failed(orderId, "ShipmentFailed", "carrier refused AT-1010"));

    // Assess
    const mail = ses.mails.find((m) => m.messageId === result.messageId);
    expect(mail?.to).toEqual(["ben@example.org"]);
    expect(mail?.text).toContain("We cannot ship to the address you gave.");
    expect(mail?.text).not.toContain("carrier refused");
  });

  it("fails with OrderNotFound for an order the table does not have, and sends nothing", async () => {
    // Prepare
    const orderId = newOrderId();
    const before = ses.mails.length;

    // Act
    const attempt = handler(completed(orderId));

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "OrderNotFound" });
    expect(ses.mails).toHaveLength(before);
  });

  it("rejects an event of another detail-type with a ValidationError", async () => {
    // Act
    const attempt = handler({ ...completed(newOrderId()), "detail-type": "OrderShipped" });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: "ValidationError" });
  });
});
