import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { ApiRoute } from "@orderflow/api/routes";
import type { JwtContext } from "./jwt-authorizer";

/** The route a request takes and its path parameters, or undefined (API Gateway answers 404 Not Found). */
export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  path: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined {
  const segments = path.split("/");
  for (const route of routes) {
    const template = route.path.split("/");
    if (route.method !== method || template.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = template.every((part, i) => {
      const segment = segments[i] as string;
      if (!part.startsWith("{")) return part === segment;
      if (segment === "") return false;
      pathParameters[part.slice(1, -1)] = decodeURIComponent(segment);
      return true;
    });
    if (matches) return { route, pathParameters };
  }
  return undefined;
}

/** Bodies API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[a-z.+-]+\+(json|xml)))/i;

export interface IncomingApiRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQueryString: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
}

function headerMap(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined || name === "cookie"
        ? []
        : [[name.toLowerCase(), Array.isArray(value) ? value.join(",") : value]],
    ),
  );
}

function clfTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(" ");
  return `${day}/${month}/${year}:${time} +0000`;
}

/**
 * The HTTP API payload format 2.0 event API Gateway builds for a routed request: lower-cased headers
 * (repeats joined by commas, cookies in `cookies`), query parameters, path parameters, the JWT
 * authorizer's claims and scopes, the `$default` stage's request context; a non-text body is base64.
 */
export function httpApiEvent(
  request: IncomingApiRequest,
  route: ApiRoute,
  pathParameters: Record<string, string>,
  jwt: JwtContext,
) {
  const headers = headerMap(request.headers);
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const text = request.body.length === 0 || TEXT_TYPES.test(headers["content-type"] ?? "");
  const query = new URLSearchParams(request.rawQueryString);
  const cookies = request.headers.cookie?.split(";").map((c) => c.trim());
  const domainName = headers.host ?? "localhost";
  return {
    version: "2.0",
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(cookies && { cookies }),
    headers,
    ...(request.rawQueryString !== "" && {
      queryStringParameters: Object.fromEntries([...query.keys()].map((k) => [k, query.getAll(k).join(",")])),
    }),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      authorizer: { jwt },
      domainName,
      domainPrefix: domainName.split(".")[0],
      http: {
        method: request.method,
        path: request.path,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    ...(request.body.length > 0 && {
      body: text ? request.body.toString("utf8") : request.body.toString("base64"),
    }),
    isBase64Encoded: !text,
  };
}
