import { describeIssues, newOrderId, ORDER_ID_PATTERN, type Order, OrderRequest } from "@orderflow/domain";
import * as v from "valibot";
import { fingerprint } from "./canonical-json";
import { orderView } from "./order-view";
import type { ApiLog, OrderRecord, OrderStore, WorkflowStarter } from "./ports";
import { PROBLEM_TYPES, problemResponse } from "./problem";
import { type RawRequestBody, readJsonBody } from "./request-body";
import { type HttpResponse, jsonResponse } from "./responses";

/** The parts of an API Gateway HTTP API (payload format 2.0) event the API reads. */
export interface ApiRequest extends RawRequestBody {
  readonly rawPath: string;
  readonly requestContext: {
    readonly http: { readonly method: string };
    readonly domainName?: string;
    readonly requestId?: string;
  };
}

export interface ApiDependencies {
  readonly store: OrderStore;
  readonly starter: WorkflowStarter;
  readonly log: ApiLog;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default newOrderId from @orderflow/domain */
  readonly newId?: () => string;
}

export type Api = (request: ApiRequest) => Promise<HttpResponse>;

/**
 * The orders API: `POST /orders` accepts an order and starts its workflow, `GET /orders/{id}` reports
 * its status. Every failure is an RFC 9457 problem document; unexpected ones say nothing of internals.
 */
export function createApi(deps: ApiDependencies): Api {
  const { log } = deps;
  return async (request) => {
    const method = request.requestContext.http.method.toUpperCase();
    log.resetKeys();
    log.appendKeys({ requestId: request.requestContext.requestId });
    try {
      const response = await route(deps, request, method);
      log.info("request handled", { method, path: request.rawPath, statusCode: response.statusCode });
      return response;
    } catch (error) {
      log.error("request failed", { method, path: request.rawPath, error });
      return problemResponse(500, "the order service failed unexpectedly; try again later");
    }
  };
}

function route(deps: ApiDependencies, request: ApiRequest, method: string): Promise<HttpResponse> {
  // Routes by path, so the function serves the `$default` stage whether infra routes each path to it or
  // sends it everything; a named stage would prefix the path and is not supported.
  const path = request.rawPath;
  const domain = request.requestContext.domainName;
  const statusUrl = (orderId: string) => `${domain ? `https://${domain}` : ""}/orders/${orderId}`;
  if (path === "/orders") {
    return method === "POST" ? postOrder(deps, request, statusUrl) : methodNotAllowed("POST", path);
  }
  const match = /^\/orders\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    return method === "GET" ? getOrder(deps, match[1]) : methodNotAllowed("GET", path);
  }
  return Promise.resolve(
    problemResponse(404, `no resource at ${path}; the API serves POST /orders and GET /orders/{id}`),
  );
}

async function methodNotAllowed(allow: string, path: string): Promise<HttpResponse> {
  return problemResponse(405, `${path} supports ${allow} only`, { headers: { allow } });
}

async function postOrder(
  { store, starter, log, now = () => new Date(), newId = newOrderId }: ApiDependencies,
  request: ApiRequest,
  statusUrl: (orderId: string) => string,
): Promise<HttpResponse> {
  const body = readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = v.safeParse(OrderRequest, body.value);
  if (!parsed.success) {
    const errors = describeIssues(parsed.issues);
    return problemResponse(400, `the order has ${errors.length} invalid field(s); see errors`, {
      type: PROBLEM_TYPES.invalidOrder,
      title: "Invalid order",
      errors,
    });
  }
  const order: Order = { ...parsed.output, orderId: parsed.output.orderId ?? newId() };
  log.appendKeys({ orderId: order.orderId });

  const requestHash = fingerprint(order);
  const { payment: _token, ...withoutToken } = order;
  const result = await store.insertPending({
    order: withoutToken,
    requestHash,
    createdAt: now().toISOString(),
  });
  const record = result.inserted ? result.record : result.existing;
  if (!result.inserted && result.existing.requestHash !== requestHash) {
    log.warn("order id reused with a different order", { existingStatus: record.status });
    return problemResponse(
      409,
      `order ${order.orderId} exists with different content; use a new orderId for a new order`,
      { type: PROBLEM_TYPES.orderConflict, title: "Order id already used", orderId: order.orderId },
    );
  }

  // A repeat of a PENDING order may follow a crash between the write above and the start below; starting
  // again heals it, and starts nothing new when the first start did happen (same execution name).
  if (record.status === "PENDING") {
    const started = await startWorkflow(starter, log, order);
    if (!started) {
      return problemResponse(
        503,
        `order ${order.orderId} is saved but not started; send it again with this orderId to resume it`,
        {
          type: PROBLEM_TYPES.workflowNotStarted,
          title: "Order not started",
          orderId: order.orderId,
          headers: { "retry-after": "2" },
        },
      );
    }
  }
  log.info("order accepted", { repeat: !result.inserted, status: record.status });
  return accepted(record, statusUrl(order.orderId));
}

async function startWorkflow(starter: WorkflowStarter, log: ApiLog, order: Order): Promise<boolean> {
  try {
    const outcome = await starter.start(order);
    log.info("workflow start requested", { outcome });
    return true;
  } catch (error) {
    log.error("workflow could not be started", { error });
    return false;
  }
}

function accepted(record: OrderRecord, statusUrl: string): HttpResponse {
  return jsonResponse(
    202,
    { orderId: record.orderId, status: record.status, statusUrl },
    { location: statusUrl },
  );
}

// The raw segment is tested as is: no valid id contains `%`, so percent-encoded ids are malformed anyway.
async function getOrder({ store, log }: ApiDependencies, orderId: string): Promise<HttpResponse> {
  if (!ORDER_ID_PATTERN.test(orderId)) {
    return problemResponse(400, "an order id is 1-64 characters of A-Z, a-z, 0-9, _ or -", {
      type: PROBLEM_TYPES.invalidOrderId,
      title: "Invalid order id",
    });
  }
  log.appendKeys({ orderId });
  const record = await store.get(orderId);
  if (!record) return problemResponse(404, `no order with id ${orderId}`, { orderId });
  return jsonResponse(200, orderView(record), { "cache-control": "no-store" });
}
