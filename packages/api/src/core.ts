import type { ApiLog, OrderStore, WorkflowStarter } from "./ports";
import { type PostContext, postOrder } from "./post-order";
import { problemResponse } from "./problem";
import { getOrder, listOrders } from "./read-orders";
import type { ApiRequest } from "./request";
import type { HttpResponse } from "./responses";

export type { ApiRequest } from "./request";

export interface ApiDependencies {
  readonly store: OrderStore;
  readonly starter: WorkflowStarter;
  readonly log: ApiLog;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** The idempotency key of an order posted without one. @default newOrderId from @orderflow/domain */
  readonly newKey?: () => string;
}

export type Api = (request: ApiRequest) => Promise<HttpResponse>;

/**
 * The orders API for customers: `POST /orders` accepts an order and starts its workflow, `GET /orders`
 * lists the caller's orders and `GET /orders/{id}` reports one of them. Who the caller is comes from the
 * verified token only. Every failure is an RFC 9457 problem document that repeats nothing the client sent;
 * unexpected ones say nothing of internals.
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
  const context: PostContext = {
    ...deps,
    statusUrl: (orderId) => `${domain ? `https://${domain}` : ""}/orders/${orderId}`,
  };
  if (path === "/orders") {
    if (method === "POST") return postOrder(context, request);
    return method === "GET" ? listOrders(deps, request) : methodNotAllowed("GET, POST");
  }
  const match = /^\/orders\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    return method === "GET" ? getOrder(deps, request, match[1]) : methodNotAllowed("GET");
  }
  // The path is not repeated: it is the client's text.
  return Promise.resolve(problemResponse(404, "no such resource; the API serves /orders and /orders/{id}"));
}

async function methodNotAllowed(allow: string): Promise<HttpResponse> {
  return problemResponse(405, `this resource supports ${allow} only`, { headers: { allow } });
}
