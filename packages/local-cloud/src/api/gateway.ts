import { randomUUID } from "node:crypto";
import type { ApiRoute } from "@orderflow/api/routes";
import { httpApiEvent, type IncomingApiRequest, matchRoute } from "./http-api-event";
import { authorize, type JwtAuthorizerConfig } from "./jwt-authorizer";

/** A Lambda handler behind the API (the orders API's `handler`). */
export type ApiHandler = (event: unknown, context: { readonly awsRequestId: string }) => Promise<unknown>;

export interface GatewayReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

export interface GatewayOptions {
  readonly routes: readonly ApiRoute[];
  readonly authorizer: JwtAuthorizerConfig;
  /** The function's current handler (asked per request, so reloaded code serves the next one). */
  readonly handler: () => ApiHandler;
  /** Where a failed invocation is reported; the client only sees API Gateway's 500. */
  readonly onError: (error: unknown) => void;
}

function message(status: number, text: string, headers: Record<string, string> = {}): GatewayReply {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: Buffer.from(JSON.stringify({ message: text })),
  };
}

interface LambdaResult {
  readonly statusCode?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly isBase64Encoded?: unknown;
  readonly cookies?: readonly string[];
}

/**
 * The function's answer as API Gateway turns a payload 2.0 result into HTTP: `statusCode`, `headers`,
 * `cookies`, `body` (base64-decoded when `isBase64Encoded`); a result without `statusCode` is 200 JSON.
 */
function httpReply(result: unknown): GatewayReply {
  const r = (typeof result === "object" && result !== null ? result : {}) as LambdaResult;
  if (typeof r.statusCode !== "number") {
    return {
      status: 200,
      headers: { "content-type": "application/json" },
      body: Buffer.from(typeof result === "string" ? result : JSON.stringify(result ?? null)),
    };
  }
  const body = typeof r.body === "string" ? r.body : "";
  return {
    status: r.statusCode,
    headers: { ...r.headers, ...(r.cookies && { "set-cookie": r.cookies }) },
    body: Buffer.from(body, r.isBase64Encoded === true ? "base64" : "utf8"),
  };
}

/**
 * One request through the HTTP API as deployed: no route → 404; the JWT authorizer → 401 or 403 before
 * the function runs; otherwise the payload 2.0 event goes to the function, and a function error is a 500.
 */
export async function serveApi(request: IncomingApiRequest, options: GatewayOptions): Promise<GatewayReply> {
  const matched = matchRoute(options.routes, request.method, request.path);
  if (!matched) return message(404, "Not Found");
  const authorization = await authorize(
    request.headers.authorization,
    options.authorizer,
    matched.route.scopes,
  );
  if (!authorization.ok) {
    const text = authorization.status === 401 ? "Unauthorized" : "Forbidden";
    return message(authorization.status, text, { "www-authenticate": authorization.wwwAuthenticate });
  }
  const event = httpApiEvent(request, matched.route, matched.pathParameters, authorization.jwt);
  try {
    return httpReply(await options.handler()(event, { awsRequestId: randomUUID() }));
  } catch (error) {
    options.onError(error);
    return message(500, "Internal Server Error");
  }
}
