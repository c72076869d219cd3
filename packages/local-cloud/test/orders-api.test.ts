import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDevIssuer } from "../src/api/dev-issuer";
import { demoOrder, eventually, startTestCloud } from "./support";

const cloud = await startTestCloud();
afterAll(() => cloud.stop());

const ANA = { id: "cus_ana", email: "ana@example.com" };
const BEN = { id: "cus_ben", email: "ben@example.org" };

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${cloud.url}${path}`, {
    method,
    headers: {
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { "content-type": "application/json" }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

const tokenFor = (sub: string, scopes?: string[]) => cloud.issuer.sign({ sub, ...(scopes && { scopes }) });

describe("the orders API over HTTP, behind the JWT authorizer, with real tokens", () => {
  it("accepts an order with a valid token and runs it to COMPLETED, mailing the customer", async () => {
    // Prepare
    const order = demoOrder(undefined, ANA);
    const token = await tokenFor(ANA.id);

    // Act
    const posted = await call("POST", "/orders", { token, body: order });
    const orderId: string = posted.json.orderId;
    const read = await eventually(
      () => call("GET", `/orders/${orderId}`, { token }),
      (r) => r.json?.status !== "PENDING",
    );
    // The order's event leaves through the outbox once the execution has ended; then the rule delivers it.
    const execution = cloud.runtime.executions().find((e) => e.orderId === orderId);
    await execution?.report;
    await cloud.rule.idle();

    // Assess
    expect(posted.status).toBe(202);
    expect(execution).toBeDefined();
    expect(posted.json).toMatchObject({ idempotencyKey: order.orderId, status: "PENDING" });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ orderId, idempotencyKey: order.orderId, status: "COMPLETED" });
    expect(cloud.mailbox.forOrder(orderId).map((m) => m.to)).toEqual([[ANA.email]]);
  });

  it("answers 401 before the function runs for a missing, expired, foreign or malformed token", async () => {
    // Prepare
    const otherKey = await loadDevIssuer(mkdtempSync(join(tmpdir(), "other-issuer-")), cloud.issuer.issuer);
    const tokens = {
      expired: await cloud.issuer.sign({ sub: ANA.id, expiresInSeconds: -60 }),
      wrongIssuer: await cloud.issuer.sign({ sub: ANA.id, issuer: "https://issuer.example.com/" }),
      wrongAudience: await cloud.issuer.sign({ sub: ANA.id, audience: "someone-else" }),
      otherKey: await otherKey.sign({ sub: ANA.id }),
      malformed: "not.a.jwt",
    };
    const order = demoOrder(undefined, ANA);

    // Act
    const missing = await call("POST", "/orders", { body: order });
    const refused = await Promise.all(
      Object.entries(tokens).map(
        async ([kind, token]) => [kind, await call("POST", "/orders", { token, body: order })] as const,
      ),
    );
    const anasOrders = await call("GET", "/orders", { token: await tokenFor(ANA.id) });

    // Assess
    for (const [kind, reply] of [["missing", missing] as const, ...refused]) {
      expect({ kind, status: reply.status, body: reply.json }).toEqual({
        kind,
        status: 401,
        body: { message: "Unauthorized" },
      });
      expect(reply.headers.get("www-authenticate"), kind).toMatch(/^Bearer /);
    }
    expect(anasOrders.status).toBe(200);
    expect(anasOrders.text).not.toContain(order.orderId);
  });

  it("answers 403 when the token lacks the route's scope", async () => {
    // Prepare
    const readOnly = await tokenFor(ANA.id, ["orders:read"]);
    const writeOnly = await tokenFor(ANA.id, ["orders:write"]);

    // Act
    const post = await call("POST", "/orders", { token: readOnly, body: demoOrder(undefined, ANA) });
    const get = await call("GET", "/orders/ord_ANY0001", { token: writeOnly });

    // Assess
    expect([post.status, post.json]).toEqual([403, { message: "Forbidden" }]);
    expect([get.status, get.json]).toEqual([403, { message: "Forbidden" }]);
    expect(post.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("answers 404 for a path or method that has no route, as API Gateway does", async () => {
    // Prepare
    const token = await tokenFor(ANA.id);

    // Act
    const replies = await Promise.all([
      call("DELETE", "/orders/ord_ANY0001", { token }),
      call("GET", "/orders/ord_ANY0001/items", { token }),
    ]);

    // Assess
    expect(replies.map((r) => [r.status, r.json])).toEqual([
      [404, { message: "Not Found" }],
      [404, { message: "Not Found" }],
    ]);
  });

  it("lets each customer see only their own orders", async () => {
    // Prepare
    const [anaToken, benToken] = await Promise.all([tokenFor(ANA.id), tokenFor(BEN.id)]);
    const anas = await call("POST", "/orders", { token: anaToken, body: demoOrder(undefined, ANA) });
    const bens = await call("POST", "/orders", { token: benToken, body: demoOrder(undefined, BEN) });
    expect([anas.status, bens.status]).toEqual([202, 202]);

    // Act
    const anaReadsBens = await call("GET", `/orders/${bens.json.orderId}`, { token: anaToken });
    const anaReadsHers = await call("GET", `/orders/${anas.json.orderId}`, { token: anaToken });
    const anaLists = await call("GET", "/orders", { token: anaToken });

    // Assess
    expect(anaReadsHers.status).toBe(200);
    expect(anaReadsBens.status).toBe(404);
    expect(anaLists.status).toBe(200);
    expect(anaLists.text).toContain(anas.json.orderId);
    expect(anaLists.text).not.toContain(bens.json.orderId);
  });
});
