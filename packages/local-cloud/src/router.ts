import type { IncomingMessage, ServerResponse } from "node:http";
import { ORDER_ROUTES } from "@orderflow/api/routes";
import { SEND_EMAIL_PATH } from "@orderflow/task-notify-customer/ses-capture";
import type { DevIssuer } from "./api/dev-issuer";
import { ISSUER_PATH, LOCAL_AUDIENCE } from "./api/dev-issuer";
import { type ApiHandler, serveApi } from "./api/gateway";
import type { ChangeFeed } from "./changes";
import { type ConsoleDeps, consoleApi } from "./console/console-api";
import { consoleFile } from "./console/static-files";
import { readBody, send, sendJson } from "./http";
import type { Mailbox } from "./notify/mailbox";
import { handleSfnRequest, SFN_TARGET_PREFIX } from "./sfn/protocol";

/** Step Functions accepts definitions up to 1 MB; HTTP APIs accept bodies up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RouterDeps {
  readonly baseUrl: string;
  readonly sfnOperations: Readonly<Record<string, (request: Readonly<Record<string, unknown>>) => unknown>>;
  readonly issuer: DevIssuer;
  readonly api: () => ApiHandler;
  readonly mailbox: Mailbox;
  readonly console: ConsoleDeps;
  readonly changes: ChangeFeed;
  readonly log: (line: string) => void;
}

function issuerDocument(path: string, issuer: DevIssuer, baseUrl: string): unknown {
  if (path === `${ISSUER_PATH}/.well-known/jwks.json`) return issuer.jwks;
  if (path !== `${ISSUER_PATH}/.well-known/openid-configuration`) return undefined;
  return {
    issuer: issuer.issuer,
    jwks_uri: `${baseUrl}${ISSUER_PATH}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["token"],
    subject_types_supported: ["public"],
  };
}

async function routed(deps: RouterDeps, request: IncomingMessage, response: ServerResponse, body: Buffer) {
  const url = new URL(request.url ?? "/", deps.baseUrl);
  const { pathname: path } = url;
  const method = request.method ?? "GET";
  const target = request.headers["x-amz-target"];
  if (method === "POST" && typeof target === "string" && target.startsWith(SFN_TARGET_PREFIX)) {
    const reply = await handleSfnRequest(target, body.toString("utf8"), deps.sfnOperations, (error) =>
      deps.log(`Step Functions ${target} failed: ${(error as Error).stack ?? String(error)}`),
    );
    return send(response, reply.status, reply.headers, reply.body);
  }
  if (method === "POST" && path === SEND_EMAIL_PATH) {
    const answer = deps.mailbox.accept(body.toString("utf8"));
    return send(
      response,
      answer.status,
      { "content-type": "application/json", ...answer.headers },
      JSON.stringify(answer.body),
    );
  }
  if (path === "/orders" || path.startsWith("/orders/")) {
    const reply = await serveApi(
      {
        method,
        path,
        rawQueryString: url.search.slice(1),
        headers: request.headers,
        body,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
      },
      {
        routes: ORDER_ROUTES,
        authorizer: {
          issuer: deps.issuer.issuer,
          audiences: [LOCAL_AUDIENCE],
          jwks: deps.issuer.jwks as never,
        },
        handler: deps.api,
        onError: (error) =>
          deps.log(`the orders API function failed: ${(error as Error).stack ?? String(error)}`),
      },
    );
    return send(response, reply.status, reply.headers, reply.body);
  }
  const document = method === "GET" ? issuerDocument(path, deps.issuer, deps.baseUrl) : undefined;
  if (document !== undefined) return sendJson(response, 200, document);
  if (path === "/console/api/changes") return deps.changes.open(response);
  if (path.startsWith("/console/api/")) {
    const json = body.length > 0 ? parseJson(body) : undefined;
    const reply = await consoleApi(deps.console, { method, path, query: url.searchParams, body: json });
    return sendJson(response, reply.status, reply.body);
  }
  const file = method === "GET" ? consoleFile(path) : undefined;
  if (file) return send(response, 200, { "content-type": file.type, "cache-control": "no-store" }, file.body);
  sendJson(response, 404, { message: `nothing is served at ${method} ${path}` });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Everything the local cloud serves on its one port: the Step Functions endpoint (any POST with
 * `X-Amz-Target: AWSStepFunctions.*`), SES v2 SendEmail, the orders API under `/orders`, the issuer's
 * discovery document and keys under `/issuer`, the console's JSON under `/console/api` and its page at `/`.
 */
export function router(deps: RouterDeps) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === undefined) return sendJson(response, 413, { message: "Request Entity Too Large" });
      await routed(deps, request, response, body);
    } catch (error) {
      deps.log(`${request.method} ${request.url} failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { message: "the local cloud failed; see its log" });
    }
  };
}
