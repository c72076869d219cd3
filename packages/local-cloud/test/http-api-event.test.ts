import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ORDER_ROUTES } from "@orderflow/api/routes";
import { describe, expect, it } from "vitest";
import { loadDevIssuer } from "../src/api/dev-issuer";
import { httpApiEvent, matchRoute } from "../src/api/http-api-event";
import { authorize } from "../src/api/jwt-authorizer";

const issuer = await loadDevIssuer(mkdtempSync(join(tmpdir(), "issuer-")), "http://127.0.0.1:4600/issuer");
const config = { issuer: issuer.issuer, audiences: ["orderflow-api"], jwks: issuer.jwks as never };

describe("the JWT authorizer", () => {
  it("hands on the claims as strings and the token's scopes, as API Gateway does", async () => {
    // Prepare
    const token = await issuer.sign({ sub: "cus_ana", scopes: ["orders:read", "orders:write"] });

    // Act
    const result = await authorize(`Bearer ${token}`, config, ["orders:read"]);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      jwt: {
        claims: {
          sub: "cus_ana",
          iss: issuer.issuer,
          aud: "orderflow-api",
          scope: "orders:read orders:write",
          exp: expect.stringMatching(/^\d+$/),
        },
        scopes: ["orders:read", "orders:write"],
      },
    });
  });

  it("takes the token without a Bearer prefix too, and names why it refuses one", async () => {
    // Prepare
    const valid = await issuer.sign({ sub: "cus_ana" });
    const expired = await issuer.sign({ sub: "cus_ana", expiresInSeconds: -1 });
    const foreign = await issuer.sign({ sub: "cus_ana", issuer: "https://elsewhere.example.com/" });

    // Act
    const [bare, late, other] = await Promise.all([
      authorize(valid, config, []),
      authorize(expired, config, []),
      authorize(foreign, config, []),
    ]);

    // Assess
    expect(bare.ok).toBe(true);
    expect(late).toMatchObject({
      ok: false,
      status: 401,
      wwwAuthenticate: expect.stringContaining("the token has expired"),
    });
    expect(other).toMatchObject({
      ok: false,
      status: 401,
      wwwAuthenticate: expect.stringContaining("the iss claim"),
    });
  });
});

describe("the HTTP API payload 2.0 event", () => {
  it("routes by method and path template, with path parameters, and nothing else", () => {
    expect(matchRoute(ORDER_ROUTES, "GET", "/orders/ord_1")).toMatchObject({
      route: { path: "/orders/{id}", scopes: ["orders:read"] },
      pathParameters: { id: "ord_1" },
    });
    expect(matchRoute(ORDER_ROUTES, "POST", "/orders")?.route.scopes).toEqual(["orders:write"]);
    expect(matchRoute(ORDER_ROUTES, "PUT", "/orders")).toBeUndefined();
    expect(matchRoute(ORDER_ROUTES, "GET", "/orders/")).toBeUndefined();
  });

  it("carries the request as API Gateway builds it: lower-case headers, cookies apart, query, claims", () => {
    // Prepare
    const jwt = { claims: { sub: "cus_ana" }, scopes: ["orders:read"] };
    const matched = matchRoute(ORDER_ROUTES, "GET", "/orders/ord_2");
    if (!matched) throw new Error("GET /orders/{id} must be a route");

    // Act
    const event = httpApiEvent(
      {
        method: "GET",
        path: "/orders/ord_2",
        rawQueryString: "a=1&a=2&b=x",
        headers: { host: "127.0.0.1:4600", "user-agent": "test", cookie: "s=1; t=2", "x-many": ["p", "q"] },
        body: Buffer.alloc(0),
        sourceIp: "127.0.0.1",
      },
      matched.route,
      matched.pathParameters,
      jwt,
    );

    // Assess
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "GET /orders/{id}",
      rawPath: "/orders/ord_2",
      rawQueryString: "a=1&a=2&b=x",
      cookies: ["s=1", "t=2"],
      headers: { host: "127.0.0.1:4600", "x-many": "p,q" },
      queryStringParameters: { a: "1,2", b: "x" },
      pathParameters: { id: "ord_2" },
      isBase64Encoded: false,
      requestContext: {
        authorizer: { jwt },
        domainName: "127.0.0.1:4600",
        http: { method: "GET", path: "/orders/ord_2", sourceIp: "127.0.0.1", userAgent: "test" },
        routeKey: "GET /orders/{id}",
        stage: "$default",
      },
    });
    expect(event.headers).not.toHaveProperty("cookie");
    expect(event).not.toHaveProperty("body");
  });

  it("passes a JSON body as text and a binary one base64-encoded", () => {
    // Prepare
    const request = (type: string, body: Buffer) => ({
      method: "POST",
      path: "/orders",
      rawQueryString: "",
      headers: { "content-type": type },
      body,
      sourceIp: "127.0.0.1",
    });
    const route = ORDER_ROUTES[0] as (typeof ORDER_ROUTES)[number];
    const jwt = { claims: {}, scopes: null };

    // Act
    const json = httpApiEvent(request("application/json", Buffer.from('{"a":1}')), route, {}, jwt);
    const binary = httpApiEvent(request("application/octet-stream", Buffer.from([0, 255])), route, {}, jwt);

    // Assess
    expect([json.body, json.isBase64Encoded]).toEqual(['{"a":1}', false]);
    expect([binary.body, binary.isBase64Encoded]).toEqual(["AP8=", true]);
  });
});
