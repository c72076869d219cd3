import type { APIGatewayProxyEventV2 } from "aws-lambda";
import baseEvent from "../fixtures/http-api-event.json" with { type: "json" };
import orderRequest from "../fixtures/order-request.json" with { type: "json" };

export type OrderBody = typeof orderRequest & Record<string, unknown>;

/** A fresh copy of the sample order with the given idempotency key as `orderId` (`undefined` removes it). */
export function sampleOrder(orderId: string | undefined): OrderBody {
  const order: OrderBody = structuredClone(orderRequest);
  if (orderId === undefined) delete (order as Partial<OrderBody>).orderId;
  else order.orderId = orderId;
  return order;
}

/** The customer every event comes from unless it says otherwise (the fixture order's customer). */
export const ANA = "cus_ana";

export interface EventOptions {
  /**
   * The verified token's subject (`sub`) the JWT authorizer passes on; `null` sends no authorizer context.
   * @default ANA
   */
  readonly as?: string | null;
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly isBase64Encoded?: boolean;
  /** `null` removes requestContext.domainName. */
  readonly domainName?: string | null;
}

/** An API Gateway HTTP API (payload 2.0) event, based on a captured one. */
export function httpEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  const event = structuredClone(baseEvent) as APIGatewayProxyEventV2;
  const method = options.method ?? "POST";
  const path = options.path ?? "/orders";
  event.rawPath = path;
  event.requestContext.http.method = method;
  event.requestContext.http.path = path;
  event.headers = { ...event.headers, ...options.headers };
  event.body = options.body ?? "";
  event.isBase64Encoded = options.isBase64Encoded ?? false;
  if (options.query) event.queryStringParameters = options.query;
  const subject = options.as === undefined ? ANA : options.as;
  if (subject !== null) {
    const claims = { sub: subject, scope: "orders:read orders:write", iss: "https://auth.example.com/" };
    Object.assign(event.requestContext, {
      authorizer: { jwt: { claims, scopes: ["orders:read", "orders:write"] } },
    });
  }
  if (options.domainName === null) delete (event.requestContext as { domainName?: string }).domainName;
  else if (options.domainName !== undefined) event.requestContext.domainName = options.domainName;
  return event;
}

export const postOrder = (order: unknown, options: EventOptions = {}) =>
  httpEvent({ ...options, method: "POST", path: "/orders", body: JSON.stringify(order) });

export const getOrder = (orderId: string, options: EventOptions = {}) =>
  httpEvent({ ...options, method: "GET", path: `/orders/${orderId}`, body: "" });

export const listOrders = (query: Record<string, string> = {}, options: EventOptions = {}) =>
  httpEvent({ ...options, method: "GET", path: "/orders", body: "", query });

/** The parsed JSON body of a response. */
export function bodyOf(response: { body?: string }): Record<string, unknown> {
  return JSON.parse(response.body ?? "null") as Record<string, unknown>;
}
