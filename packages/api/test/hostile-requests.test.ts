import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { type CapturedLogs, captureLogs } from "@orderflow/task-kit/testing";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { bodyOf, httpEvent, type OrderBody, sampleOrder } from "./support/events";
import { OrdersTable, uniqueCustomer, uniqueOrderId } from "./support/local-orders";

const ARN = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-test-orders:live";
const db = await useLocalTables(["orders"]);
process.env.STATE_MACHINE_ARN = ARN;
const sfn = mockClient(SFNClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
});
const { handler } = await import("../src/handler");
const table = new OrdersTable(db.names.orders);

/** A card number, put wherever it fits: no reply may repeat it. */
const CARD = "4242424242424242";

let logs: CapturedLogs;
beforeEach(() => {
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:x`, startDate: new Date() });
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

type Change = (order: OrderBody) => unknown;
const order = (change: Change) => {
  const copy = sampleOrder(uniqueOrderId());
  const changed = change(copy);
  return JSON.stringify(changed === undefined ? copy : changed);
};
const set =
  (path: string, value: unknown): Change =>
  (o) => {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let target = o as Record<string, unknown>;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    target[last] = value;
  };
const json = { "content-type": "application/json" };
const base64 = (text: string | Buffer) => Buffer.from(text).toString("base64");

/** [what, body or event parts, expected status] — every one a client error that stores and starts nothing. */
const HOSTILE: readonly (readonly [
  string,
  { body: string; headers?: Record<string, string>; isBase64Encoded?: boolean; as?: string | null },
  number,
])[] = [
  ["an empty body", { body: "" }, 400],
  ["null", { body: "null" }, 400],
  ["a list", { body: "[]" }, 400],
  ["a number", { body: CARD }, 400],
  ["a string", { body: JSON.stringify(CARD) }, 400],
  ["truncated JSON", { body: order((o) => o).slice(0, -1) }, 400],
  [
    "bytes that are not UTF-8",
    { body: base64(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])), isBase64Encoded: true },
    400,
  ],
  ["a body over 64 KiB", { body: order(set("clientReference", "x".repeat(70_000))) }, 413],
  [
    "a base64 body over 64 KiB",
    { body: base64(order(set("clientReference", "x".repeat(70_000)))), isBase64Encoded: true },
    413,
  ],
  [
    "27 KB of empty items",
    {
      body: order(
        set(
          "items",
          Array.from({ length: 9000 }, () => ({})),
        ),
      ),
    },
    400,
  ],
  ["no items", { body: order(set("items", [])) }, 400],
  [
    "101 items",
    {
      body: order(
        set(
          "items",
          Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${1000 + i}`, quantity: 1 })),
        ),
      ),
    },
    400,
  ],
  [
    "a SKU listed twice",
    {
      body: order(
        set("items", [
          { sku: "SKU-MUG", quantity: 1 },
          { sku: "SKU-MUG", quantity: 1 },
        ]),
      ),
    },
    400,
  ],
  ["a zero quantity", { body: order(set("items", [{ sku: "SKU-MUG", quantity: 0 }])) }, 400],
  ["a fractional quantity", { body: order(set("items", [{ sku: "SKU-MUG", quantity: 1.5 }])) }, 400],
  ["a quantity as text", { body: order(set("items", [{ sku: "SKU-MUG", quantity: "2" }])) }, 400],
  ["a huge quantity", { body: order(set("items", [{ sku: "SKU-MUG", quantity: 1e308 }])) }, 400],
  ["a lower-case SKU", { body: order(set("items", [{ sku: "sku-mug", quantity: 1 }])) }, 400],
  ["a SKU with a NUL", { body: order(set("items", [{ sku: "SKU-MUG\u0000", quantity: 1 }])) }, 400],
  ["an unknown currency", { body: order(set("currency", "EURO")) }, 400],
  ["an unknown field", { body: order(set("discount", CARD)) }, 400],
  ["an unknown field named by a card number", { body: order(set(CARD, 1)) }, 400],
  ["a __proto__ key", { body: order((o) => o).replace(/^\{/, '{"__proto__":{"admin":true},') }, 400],
  ["a constructor key", { body: order(set("constructor", { prototype: {} })) }, 400],
  ["a name with a NUL", { body: order(set("shippingAddress.name", "Ana\u0000Lima")) }, 400],
  [
    "a name with a right-to-left override",
    { body: order(set("shippingAddress.name", "\u202eamiL anA")) },
    400,
  ],
  [
    "a name of zero-width spaces only",
    { body: order(set("shippingAddress.name", "\u200b\u200b\u200b")) },
    400,
  ],
  ["a name of Hangul fillers only", { body: order(set("shippingAddress.name", "\u3164\u3164")) }, 400],
  ["a city with a lone surrogate", { body: order((o) => o).replace('"Berlin"', '"Ber\\ud800lin"') }, 400],
  [
    "a street with a line break",
    { body: order(set("shippingAddress.line1", "Main St 1\r\nX-Admin: true")) },
    400,
  ],
  ["a reference with an ANSI escape", { body: order(set("clientReference", "\u001b[2Jpo-7")) }, 400],
  ["a region of spaces only", { body: order(set("shippingAddress.region", "    ")) }, 400],
  ["a name over 100 characters", { body: order(set("shippingAddress.name", "A".repeat(101))) }, 400],
  ["a postal code with a tab", { body: order(set("shippingAddress.postalCode", "10115\t")) }, 400],
  ["a country that is no country", { body: order(set("shippingAddress.country", "ZZ")) }, 400],
  ["an address as text", { body: order(set("shippingAddress", "Main St 1, Berlin")) }, 400],
  ["no address", { body: order((o) => ({ ...o, shippingAddress: undefined })) }, 400],
  [
    "an e-mail with a header injection",
    { body: order(set("customer.email", "ana@example.com\r\nBcc: x@example.com")) },
    400,
  ],
  [
    "an e-mail over 254 characters",
    { body: order(set("customer.email", `${"a".repeat(250)}@example.com`)) },
    400,
  ],
  ["a card number as the token", { body: order(set("payment.token", "4242 4242 4242 4242")) }, 400],
  ["a card number as a numeric token", { body: order(set("payment.token", Number(CARD))) }, 400],
  ["no payment", { body: order((o) => ({ ...o, payment: undefined })) }, 400],
  ["a customer id with a control character", { body: order(set("customer.id", "cus_\u0007")) }, 400],
  ["another customer's id", { body: order(set("customer.id", "cus_someone_else")) }, 403],
  ["an order id with spaces", { body: order(set("orderId", `ord ${CARD}`)) }, 400],
  ["an order id of 65 characters", { body: order(set("orderId", "o".repeat(65))) }, 400],
  [
    "an Idempotency-Key that differs from orderId",
    { body: order((o) => o), headers: { "idempotency-key": "ord_other" } },
    400,
  ],
  [
    "an Idempotency-Key with a control character",
    { body: order((o) => o), headers: { "idempotency-key": "ord\u0001" } },
    400,
  ],
  ["text/plain", { body: order((o) => o), headers: { "content-type": "text/plain" } }, 415],
  [
    "JSON in UTF-16",
    { body: order((o) => o), headers: { "content-type": "application/json; charset=utf-16" } },
    415,
  ],
  ["no verified token", { body: order((o) => o), as: null }, 401],
  ["a token subject with spaces", { body: order((o) => o), as: "has spaces" }, 403],
];

describe("hostile and malformed requests (handler, DynamoDB Local)", () => {
  it("are at least 40", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE)("%s: a client error, nothing stored, nothing started", async (_case, request, status) => {
    // Prepare
    const customer = uniqueCustomer();
    const event: APIGatewayProxyEventV2 = httpEvent({
      headers: { ...json, ...request.headers },
      body: request.body,
      isBase64Encoded: request.isBase64Encoded ?? false,
      as: request.as === undefined ? customer : request.as,
    });

    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body).not.toContain(CARD);
    expect(response.body.length).toBeLessThan(4096);
    expect(bodyOf(response).status).toBe(status);
    expect(await table.ofCustomer(customer)).toEqual([]);
    expect(sfn.commandCalls(StartExecutionCommand)).toEqual([]);
    expect(logs.text()).not.toContain(CARD);
  });
});
