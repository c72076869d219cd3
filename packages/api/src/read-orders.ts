import { ORDER_ID_PATTERN } from "@orderflow/domain";
import { callerOf } from "./caller";
import type { ApiDependencies } from "./core";
import { decodeCursor, encodeCursor, type ListPosition } from "./cursor";
import { orderView } from "./order-view";
import { PROBLEM_TYPES, problemResponse } from "./problem";
import type { ApiRequest } from "./request";
import { type HttpResponse, jsonResponse } from "./responses";

/** Orders per page of `GET /orders` when the client names no `limit`, and the most it may ask for. */
export const LIST_LIMITS = { default: 20, max: 100 } as const;

const NO_STORE = { "cache-control": "no-store" };

/**
 * `GET /orders/{id}`: the caller's order. Another customer's order answers exactly as an id no order has,
 * so a response tells nobody which ids exist.
 */
// The raw segment is tested as is: no valid id contains `%`, so percent-encoded ids are malformed anyway.
export async function getOrder(
  { store, log }: ApiDependencies,
  request: ApiRequest,
  orderId: string,
): Promise<HttpResponse> {
  const caller = callerOf(request.requestContext.authorizer);
  if (!caller.ok) return caller.response;
  if (!ORDER_ID_PATTERN.test(orderId)) {
    return problemResponse(400, "an order id is 1-64 characters of A-Z, a-z, 0-9, _ or -", {
      type: PROBLEM_TYPES.invalidOrderId,
      title: "Invalid order id",
    });
  }
  log.appendKeys({ orderId });
  const record = await store.get(orderId);
  if (record?.customerId !== caller.customerId) return problemResponse(404, "you have no order with this id");
  return jsonResponse(200, orderView(record), NO_STORE);
}

type ListQuery = { readonly limit: number; readonly after?: ListPosition } | { readonly problem: string };

function listQueryOf(customerId: string, query: ApiRequest["queryStringParameters"] = {}): ListQuery {
  const { limit = String(LIST_LIMITS.default), cursor } = query;
  const count = /^\d{1,3}$/.test(limit) ? Number(limit) : 0;
  if (count < 1 || count > LIST_LIMITS.max)
    return { problem: `limit must be a whole number from 1 to ${LIST_LIMITS.max}` };
  if (cursor === undefined) return { limit: count };
  const after = decodeCursor(customerId, cursor);
  return after
    ? { limit: count, after }
    : { problem: "cursor must be a nextCursor this API gave you for your orders" };
}

/** `GET /orders?limit&cursor`: the caller's orders, newest first, a page at a time. */
export async function listOrders({ store }: ApiDependencies, request: ApiRequest): Promise<HttpResponse> {
  const caller = callerOf(request.requestContext.authorizer);
  if (!caller.ok) return caller.response;
  const { customerId } = caller;
  const query = listQueryOf(customerId, request.queryStringParameters);
  if ("problem" in query) {
    return problemResponse(400, query.problem, {
      type: PROBLEM_TYPES.invalidListQuery,
      title: "Invalid list query",
    });
  }
  const page = await store.listByCustomer(customerId, query.limit, query.after);
  const body = {
    orders: page.records.map(orderView),
    ...(page.next && { nextCursor: encodeCursor(customerId, page.next) }),
  };
  return jsonResponse(200, body, NO_STORE);
}
