/**
 * A Stripe-shaped HTTP server on 127.0.0.1 for tests and local runs: the real Stripe SDK talks to it as to
 * Stripe's API (form-encoded requests, Bearer secret key, JSON objects and errors, `Request-Id`), and it
 * keeps Stripe's idempotency rules: a POST repeated with its `Idempotency-Key` and the same parameters is
 * answered from the store with `Idempotent-Replayed: true`, the same key with other parameters is a 400
 * `idempotency_error`. Faults (429, 5xx, a dropped connection) can be scripted for the next requests.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Answer, StripeBooks } from "./stripe-books";

/** A failure Stripe's API (or the network) produces before a request does anything. */
export type StripeFault =
  | { readonly kind: "rate-limited" }
  | { readonly kind: "server-error"; readonly status?: 500 | 502 | 503 }
  | { readonly kind: "dropped-connection" };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly params: Readonly<Record<string, string>>;
  /** The answer came from the idempotency store. */
  readonly replayed: boolean;
}

export interface StripeServer {
  /** e.g. `http://127.0.0.1:41234`: give it to the SDK (or `STRIPE_API_BASE_URL`). */
  readonly url: string;
  /** The only key the server accepts. */
  readonly secretKey: string;
  readonly books: StripeBooks;
  /** Every request, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** The next `times` requests meet `fault` instead of the API. */
  failNext(fault: StripeFault, times?: number): void;
  close(): Promise<void>;
}

export interface StripeServerOptions {
  /** @default "sk_test_orderflow_local" */
  readonly secretKey?: string;
}

interface StoredAnswer extends Answer {
  readonly request: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function route(books: StripeBooks, method: string, url: URL, params: Record<string, string>): Answer {
  const path = url.pathname;
  const intent = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path);
  if (method === "POST" && path === "/v1/payment_intents") return books.createIntent(params);
  if (method === "GET" && intent?.[1] && !intent[2]) return books.retrieveIntent(intent[1]);
  if (method === "POST" && intent?.[1] && intent[2] === "capture") return books.captureIntent(intent[1]);
  if (method === "POST" && intent?.[1] && intent[2] === "cancel")
    return books.cancelIntent(intent[1], params);
  if (method === "POST" && path === "/v1/refunds") return books.createRefund(params);
  if (method === "GET" && path === "/v1/refunds")
    return books.listRefunds(url.searchParams.get("payment_intent"));
  return {
    status: 404,
    body: {
      error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` },
    },
  };
}

function faultAnswer(fault: Exclude<StripeFault, { kind: "dropped-connection" }>): Answer {
  if (fault.kind === "rate-limited") {
    return {
      status: 429,
      body: { error: { type: "invalid_request_error", code: "rate_limit", message: "Too many requests." } },
    };
  }
  return {
    status: fault.status ?? 500,
    body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
  };
}

export async function startStripeServer(options: StripeServerOptions = {}): Promise<StripeServer> {
  const secretKey = options.secretKey ?? "sk_test_orderflow_local";
  const books = new StripeBooks();
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, StoredAnswer>();
  const faults: StripeFault[] = [];
  let sequence = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://stripe.test");
    const raw = await readBody(request);
    const params = Object.fromEntries(new URLSearchParams(raw));
    const key = method === "POST" ? (request.headers["idempotency-key"] as string | undefined) : undefined;
    const fingerprint = createHash("sha256").update(`${method} ${url.pathname}\n${raw}`).digest("hex");
    const stored = key === undefined ? undefined : idempotent.get(key);
    requests.push({
      method,
      path: url.pathname,
      idempotencyKey: key,
      params,
      replayed: stored?.request === fingerprint,
    });

    const fault = faults.shift();
    if (fault?.kind === "dropped-connection") return void request.socket.destroy();
    sequence += 1;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "request-id": `req_test${String(sequence).padStart(12, "0")}`,
      "stripe-version": String(request.headers["stripe-version"] ?? "2026-11-18.endive"),
      ...(key !== undefined && { "idempotency-key": key }),
    };
    let answer: Answer;
    if (fault) answer = faultAnswer(fault);
    else if (request.headers.authorization !== `Bearer ${secretKey}`) {
      answer = {
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } },
      };
    } else if (stored && stored.request !== fingerprint) {
      const message =
        "Keys for idempotent requests can only be used with the same parameters they were first used with.";
      answer = { status: 400, body: { error: { type: "idempotency_error", message } } };
    } else if (stored) {
      answer = stored;
      headers["idempotent-replayed"] = "true";
    } else {
      answer = route(books, method, url, params);
      if (key !== undefined) idempotent.set(key, { ...answer, request: fingerprint });
    }
    response.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    books,
    requests,
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
