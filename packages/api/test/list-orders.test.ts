import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { describe, expect, it } from "vitest";
import { createApi } from "../src/core";
import { encodeCursor } from "../src/cursor";
import { DynamoOrderStore } from "../src/dynamo-order-store";
import { PROBLEM_TYPES } from "../src/problem";
import { bodyOf, listOrders, postOrder, sampleOrder } from "./support/events";
import { OrdersTable, uniqueCustomer, uniqueOrderId } from "./support/local-orders";
import { RecordingLog } from "./support/recording-log";
import { RecordingStarter } from "./support/recording-starter";

const db = await useLocalTables(["orders"]);
const table = new OrdersTable(db.names.orders);

/** An API whose clock ticks one second per order, so creation order is unambiguous. */
function setup() {
  let tick = 0;
  const api = createApi({
    store: new DynamoOrderStore(table.client, db.names.orders),
    starter: new RecordingStarter(),
    log: new RecordingLog(),
    now: () => new Date(Date.UTC(2026, 10, 25, 21, 0, tick++)),
  });
  return { api };
}

type Listing = {
  orders: { orderId: string; idempotencyKey?: string; status: string }[];
  nextCursor?: string;
};

/** A customer with `count` orders posted in order; returns their ids, oldest first. */
async function customerWithOrders(api: ReturnType<typeof setup>["api"], count: number) {
  const customer = uniqueCustomer();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await api(postOrder(sampleOrder(uniqueOrderId()), { as: customer }));
    ids.push(bodyOf(response).orderId as string);
  }
  return { customer, ids };
}

describe("GET /orders", () => {
  it("lists the caller's orders newest first with their keys and statuses", async () => {
    // Prepare
    const { api } = setup();
    const { customer, ids } = await customerWithOrders(api, 3);
    await table.mark(ids[0] as string, "COMPLETED");

    // Act
    const response = await api(listOrders({}, { as: customer }));

    // Assess
    const listing = bodyOf(response) as unknown as Listing;
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(listing.orders.map((o) => o.orderId)).toEqual([...ids].reverse());
    expect(listing.orders.map((o) => o.status)).toEqual(["PENDING", "PENDING", "COMPLETED"]);
    expect(listing.orders.every((o) => typeof o.idempotencyKey === "string")).toBe(true);
    expect(listing).not.toHaveProperty("nextCursor");
  });

  it("pages with limit and nextCursor through every order exactly once", async () => {
    // Prepare
    const { api } = setup();
    const { customer, ids } = await customerWithOrders(api, 5);

    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await api(listOrders({ limit: "2", ...(cursor && { cursor }) }, { as: customer }));
      const listing = bodyOf(response) as unknown as Listing;
      seen.push(...listing.orders.map((o) => o.orderId));
      cursor = listing.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);

    // Assess
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);
  });

  it("shows a customer with no orders an empty list", async () => {
    // Prepare
    const { api } = setup();
    await customerWithOrders(api, 2);

    // Act
    const response = await api(listOrders({}, { as: uniqueCustomer() }));

    // Assess
    expect(bodyOf(response)).toEqual({ orders: [] });
  });

  it("refuses a cursor from another customer's listing instead of paging", async () => {
    // Prepare
    const { api } = setup();
    const ana = await customerWithOrders(api, 3);
    const bea = await customerWithOrders(api, 3);
    const anasPage = bodyOf(
      await api(listOrders({ limit: "1" }, { as: ana.customer })),
    ) as unknown as Listing;

    // Act
    const response = await api(listOrders({ cursor: anasPage.nextCursor as string }, { as: bea.customer }));

    // Assess
    expect(anasPage.nextCursor).toBeTypeOf("string");
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).type).toBe(PROBLEM_TYPES.invalidListQuery);
  });

  it("never lists another customer's order, even with a cursor forged at that order's position", async () => {
    // Prepare: Bea builds a well-formed cursor of her own that points at Ana's newest order
    const { api } = setup();
    const ana = await customerWithOrders(api, 2);
    const bea = await customerWithOrders(api, 1);
    const anasNewest = await table.item(ana.ids[1] as string);
    const forged = encodeCursor(bea.customer, {
      createdAt: String(anasNewest?.createdAt),
      orderId: ana.ids[1] as string,
    });

    // Act
    const response = await api(listOrders({ cursor: forged }, { as: bea.customer }));

    // Assess
    const listed = (bodyOf(response) as unknown as Listing).orders.map((o) => o.orderId);
    expect(response.statusCode).toBe(200);
    expect(listed.filter((id) => ana.ids.includes(id))).toEqual([]);
  });

  it.each([
    ["limit 0", { limit: "0" }],
    ["limit 101", { limit: "101" }],
    ["a fractional limit", { limit: "1.5" }],
    ["a limit that is not a number", { limit: "ten" }],
    ["a cursor that is not base64url JSON", { cursor: "%%%" }],
    ["a cursor of the wrong shape", { cursor: Buffer.from('{"a":1}').toString("base64url") }],
    [
      "a truncated cursor",
      { cursor: encodeCursor("cus_x", { createdAt: "2026-11-25T21:00:00.000Z", orderId: "o" }).slice(0, 20) },
    ],
  ])("refuses %s with 400", async (_case, query) => {
    // Prepare
    const { api } = setup();

    // Act
    const response = await api(listOrders(query, { as: "cus_x" }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).type).toBe(PROBLEM_TYPES.invalidListQuery);
  });

  it("answers 401 without a verified token", async () => {
    // Prepare
    const { api } = setup();

    // Act
    const response = await api(listOrders({}, { as: null }));

    // Assess
    expect(response.statusCode).toBe(401);
  });
});
