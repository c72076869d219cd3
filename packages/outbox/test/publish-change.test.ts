import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { StreamReader } from "@orderflow/dynamodb-local";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { afterAll, describe, expect, it } from "vitest";
import type { AnnouncedEvent } from "../src/event-of-change";
import { publishChange } from "../src/publish-change";
import { EXECUTION_STATE, statusWriteOf } from "./status-writes";

const db = await useLocalTables(["orders"]);
const stream = new StreamReader(db.client, { endpoint: db.endpoint, tableName: db.names.orders });
afterAll(() => stream.stop());

const putPending = (orderId: string) =>
  db.client.send(
    new PutItemCommand({
      TableName: db.names.orders,
      Item: { orderId: { S: orderId }, status: { S: "PENDING" }, email: { S: "ada@example.test" } },
    }),
  );

/** Every event the stream's records so far announce, through the real publishChange. */
async function published(): Promise<AnnouncedEvent[]> {
  const events: AnnouncedEvent[] = [];
  const bus = { publish: async (event: AnnouncedEvent) => void events.push(event) };
  for (const record of await stream.next()) await publishChange(record, bus);
  return events;
}

describe("publishChange on the orders table's stream, after the workflow's own status writes", () => {
  it("publishes OrderCompleted with the total as a number and the tracking number, once", async () => {
    // Prepare
    await putPending("ord_done");
    const write = statusWriteOf("MarkCompleted", "ord_done", db.names.orders);

    // Act: the write, then its retry after a lost answer (the condition accepts its own status)
    await db.client.send(write);
    await db.client.send(write);

    // Assess
    expect(await published()).toEqual([
      {
        detailType: "OrderCompleted",
        detail: { orderId: "ord_done", total: EXECUTION_STATE.total, trackingNumber: "TRK-1" },
      },
    ]);
  });

  it.each([
    ["MarkRejected", "OrderRejected"],
    ["MarkFailed", "OrderFailed"],
  ])("publishes %s's event with the error and cause, quotes and all", async (state, detailType) => {
    await putPending(`ord_${state}`);

    await db.client.send(statusWriteOf(state, `ord_${state}`, db.names.orders));

    expect(await published()).toEqual([
      {
        detailType,
        detail: { orderId: `ord_${state}`, error: "PaymentDeclined", cause: 'card "declined"' },
      },
    ]);
  });

  it("publishes OrderNeedsAttention with the steps left to settle, as the JSON the write stored", async () => {
    await putPending("ord_stuck");

    await db.client.send(statusWriteOf("MarkNeedsAttention", "ord_stuck", db.names.orders));

    const events = await published();
    expect(events.map((event) => event.detailType)).toEqual(["OrderNeedsAttention"]);
    const detail = events[0]?.detail as { incomplete: string } | undefined;
    expect(JSON.parse(detail?.incomplete ?? "null")).toEqual(EXECUTION_STATE.incomplete);
  });

  it("publishes nothing for the PENDING put itself, nor for a second outcome the condition refuses", async () => {
    await putPending("ord_once");
    await db.client.send(statusWriteOf("MarkFailed", "ord_once", db.names.orders));
    await published();

    await expect(db.client.send(statusWriteOf("MarkCompleted", "ord_once", db.names.orders))).rejects.toThrow(
      "The conditional request failed",
    );
    await putPending("ord_new");

    expect(await published()).toEqual([]);
  });
});
