import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { ORDER_ID_PATTERN } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApi } from "../src/core";
import { DynamoOrderStore } from "../src/dynamo-order-store";
import { orderIdFor } from "../src/order-key";
import { PROBLEM_TYPES } from "../src/problem";
import { ANA, bodyOf, getOrder, httpEvent, postOrder, sampleOrder } from "./support/events";
import { OrdersTable, uniqueCustomer, uniqueOrderId } from "./support/local-orders";
import { RecordingLog } from "./support/recording-log";
import { RecordingStarter } from "./support/recording-starter";

const db = await useLocalTables(["orders"]);
const table = new OrdersTable(db.names.orders);
const NOW = "2026-11-25T21:00:00.000Z";
const DOMAIN = "abc123.execute-api.eu-central-1.amazonaws.com";

function setup(tableName = db.names.orders) {
  const starter = new RecordingStarter();
  const log = new RecordingLog();
  const api = createApi({
    store: new DynamoOrderStore(table.client, tableName),
    starter,
    log,
    now: () => new Date(NOW),
  });
  return { api, starter, log };
}

/** Posts and returns the order id the API derived. */
async function posted(
  api: ReturnType<typeof setup>["api"],
  order: unknown,
  as: string = ANA,
): Promise<string> {
  const response = await api(postOrder(order, { as }));
  expect(response.statusCode).toBe(202);
  return bodyOf(response).orderId as string;
}

describe("POST /orders", () => {
  it("stores a new order as PENDING for the caller, starts its workflow with the full order and replies 202", async () => {
    // Prepare
    const { api, starter } = setup();
    const key = uniqueOrderId();
    const order = sampleOrder(key);

    // Act
    const response = await api(postOrder(order));

    // Assess
    const { orderId } = bodyOf(response) as { orderId: string };
    const statusUrl = `https://${DOMAIN}/orders/${orderId}`;
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toEqual({ orderId, idempotencyKey: key, status: "PENDING", statusUrl });
    expect(response.headers.location).toBe(statusUrl);
    expect(response.headers["content-type"]).toBe("application/json");
    expect([...starter.executions.entries()]).toEqual([
      [orderId, { ...order, orderId, customer: { id: ANA, email: "ana@example.com" } }],
    ]);
    expect(await table.item(orderId)).toMatchObject({
      status: "PENDING",
      customerId: ANA,
      idempotencyKey: key,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it("derives the order id from the caller and the key: an execution name of [A-Za-z0-9_-] within 80 characters", async () => {
    const { api } = setup();
    const key = fc.string({ unit: fc.constantFrom(..."abcXYZ019_-"), minLength: 16, maxLength: 64 });
    await fc.assert(
      fc.asyncProperty(key, async (idempotencyKey) => {
        // Act
        const orderId = await posted(api, sampleOrder(idempotencyKey), uniqueCustomer());

        // Assess
        expect(orderId).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
        expect(orderId).toMatch(ORDER_ID_PATTERN);
        expect(orderId).not.toContain(idempotencyKey);
      }),
      { numRuns: 15 },
    );
  });

  it("gives a relative status URL when the request names no domain", async () => {
    // Prepare
    const { api } = setup();

    // Act
    const response = await api(postOrder(sampleOrder(uniqueOrderId()), { domainName: null }));

    // Assess
    const { orderId } = bodyOf(response);
    expect(bodyOf(response).statusUrl).toBe(`/orders/${orderId}`);
    expect(response.headers.location).toBe(`/orders/${orderId}`);
  });

  it("chooses the key of an order posted without one, and tells it", async () => {
    // Prepare
    const { api, starter } = setup();

    // Act
    const response = await api(postOrder(sampleOrder(undefined)));

    // Assess
    const { orderId, idempotencyKey } = bodyOf(response) as { orderId: string; idempotencyKey: string };
    expect(response.statusCode).toBe(202);
    expect(idempotencyKey).toMatch(ORDER_ID_PATTERN);
    expect(starter.executions.get(orderId)?.orderId).toBe(orderId);
    expect(await table.item(orderId)).toMatchObject({ orderId, idempotencyKey, status: "PENDING" });
  });

  it("takes the key from an Idempotency-Key header (quoted or bare) like from orderId", async () => {
    // Prepare
    const { api, starter } = setup();
    const key = uniqueOrderId();
    const viaBody = await posted(api, sampleOrder(key));

    // Act
    const quoted = await api(
      postOrder(sampleOrder(undefined), { headers: { "idempotency-key": `"${key}"` } }),
    );
    const bare = await api(postOrder(sampleOrder(key), { headers: { "idempotency-key": key } }));

    // Assess
    expect(bodyOf(quoted)).toMatchObject({ orderId: viaBody, idempotencyKey: key });
    expect(bodyOf(bare)).toMatchObject({ orderId: viaBody, idempotencyKey: key });
    expect(starter.executions.size).toBe(1);
  });

  it.each([
    ["a key outside the pattern", { "idempotency-key": "has spaces" }, "ord_1"],
    ["a key that differs from orderId", { "idempotency-key": "ord_2" }, "ord_1"],
    ["an empty key", { "idempotency-key": "" }, undefined],
  ])("refuses %s with 400 and stores nothing", async (_case, headers, bodyKey) => {
    // Prepare
    const { api, starter } = setup();
    const customer = uniqueCustomer();

    // Act
    const response = await api(postOrder(sampleOrder(bodyKey), { as: customer, headers }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).type).toBe(PROBLEM_TYPES.invalidIdempotencyKey);
    expect(await table.ofCustomer(customer)).toEqual([]);
    expect(starter.requests).toEqual([]);
  });

  it("answers a repeat of the same order (any key order or spacing) with the same order and one execution", async () => {
    // Prepare
    const { api, starter } = setup();
    const order = sampleOrder(uniqueOrderId());
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const first = await api(postOrder(order));

    // Act
    const repeat = await api(httpEvent({ body: JSON.stringify(reordered, null, 2) }));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toEqual(bodyOf(first));
    expect(starter.executions.size).toBe(1);
    expect(starter.requests).toHaveLength(2);
  });

  it("treats a body customer.id equal to the caller as the same order as one without it", async () => {
    // Prepare
    const { api, starter } = setup();
    const order = sampleOrder(uniqueOrderId());
    const first = await api(postOrder(order));

    // Act
    const withId = await api(postOrder({ ...order, customer: { ...order.customer, id: ANA } }));

    // Assess
    expect(withId.statusCode).toBe(202);
    expect(bodyOf(withId)).toEqual(bodyOf(first));
    expect(starter.executions.size).toBe(1);
  });

  it("refuses a body customer.id that is not the caller with 403, storing and starting nothing", async () => {
    // Prepare
    const { api, starter } = setup();
    const bea = uniqueCustomer();
    const order = { ...sampleOrder(uniqueOrderId()), customer: { id: ANA, email: "ana@example.com" } };

    // Act
    const response = await api(postOrder(order, { as: bea }));

    // Assess
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ type: PROBLEM_TYPES.customerMismatch, status: 403 });
    expect(JSON.stringify(bodyOf(response))).not.toContain(ANA);
    expect(await table.ofCustomer(bea)).toEqual([]);
    expect(starter.requests).toEqual([]);
  });

  it("heals a crash between storing and starting: the client's repeat starts the workflow once", async () => {
    // Prepare
    const { api, starter } = setup();
    const key = uniqueOrderId();
    starter.failNext();

    // Act
    const failed = await api(postOrder(sampleOrder(key)));
    const { orderId } = bodyOf(failed) as { orderId: string };
    const stored = await table.item(orderId);
    const repeat = await api(postOrder(sampleOrder(key)));

    // Assess
    expect(failed.statusCode).toBe(503);
    expect(failed.headers["retry-after"]).toBe("2");
    expect(bodyOf(failed)).toMatchObject({ type: PROBLEM_TYPES.workflowNotStarted, orderId });
    expect(stored).toMatchObject({ status: "PENDING" });
    expect(repeat.statusCode).toBe(202);
    expect([...starter.executions.keys()]).toEqual([orderId]);
  });

  it("answers a repeat of a finished order with its status and asks for no start", async () => {
    // Prepare
    const { api, starter } = setup();
    const key = uniqueOrderId();
    const orderId = await posted(api, sampleOrder(key));
    await table.mark(orderId, "COMPLETED");

    // Act
    const repeat = await api(postOrder(sampleOrder(key)));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toMatchObject({ orderId, status: "COMPLETED" });
    expect(starter.requests).toHaveLength(1);
  });

  it("rejects the same key with a different order as a 409 problem, leaving the stored order as it was", async () => {
    const changes: Record<string, (order: ReturnType<typeof sampleOrder>) => void> = {
      quantity: (o) => {
        o.items[0] = { sku: "SKU-TSHIRT-M", quantity: 3 };
      },
      token: (o) => {
        o.payment.token = "tok_chargeDeclined";
      },
      email: (o) => {
        o.customer.email = "bea@example.com";
      },
      country: (o) => {
        o.shippingAddress.country = "PT";
      },
      reference: (o) => {
        o.clientReference = "po-7";
      },
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(changes)), async (change) => {
        // Prepare
        const { api, starter } = setup();
        const key = uniqueOrderId();
        const orderId = await posted(api, sampleOrder(key));
        const before = await table.item(orderId);
        const different = sampleOrder(key);
        changes[change]?.(different);

        // Act
        const response = await api(postOrder(different));

        // Assess
        expect(response.statusCode).toBe(409);
        expect(response.headers["content-type"]).toBe("application/problem+json");
        expect(bodyOf(response)).toMatchObject({ type: PROBLEM_TYPES.orderConflict, status: 409, orderId });
        expect(await table.item(orderId)).toEqual(before);
        expect(starter.requests).toHaveLength(1);
      }),
      { numRuns: 10 },
    );
  });

  it("answers 409 for a derived id the workflow recorded from an execution started without the API", async () => {
    // Prepare: the status states create a minimal item (no request fingerprint) when none exists
    const { api, starter } = setup();
    const key = uniqueOrderId();
    const orderId = orderIdFor(ANA, key);
    const minimal = { orderId, status: "COMPLETED", createdAt: NOW, updatedAt: NOW };
    await table.client.send(new PutCommand({ TableName: db.names.orders, Item: minimal }));

    // Act
    const response = await api(postOrder(sampleOrder(key)));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toMatchObject({ type: PROBLEM_TYPES.orderConflict, orderId });
    expect(starter.requests).toHaveLength(0);
  });

  it("rejects an invalid order with a 400 problem naming every bad field, storing and starting nothing", async () => {
    // Prepare
    const { api, starter } = setup();
    const customer = uniqueCustomer();
    const { shippingAddress: _missing, ...order } = sampleOrder(uniqueOrderId());
    const invalid = {
      ...order,
      customer: { email: "not-an-email" },
      items: [{ sku: "lower", quantity: 0 }],
      discount: 10,
    };

    // Act
    const response = await api(postOrder(invalid, { as: customer }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    const problem = bodyOf(response);
    expect(problem).toMatchObject({ type: PROBLEM_TYPES.invalidOrder, status: 400 });
    const paths = (problem.errors as { path: string; message: string }[]).map((e) => e.path);
    expect(paths.sort()).toEqual(
      ["customer.email", "discount", "items[0].quantity", "items[0].sku", "shippingAddress"].sort(),
    );
    expect(problem).not.toHaveProperty("omittedErrors");
    expect(await table.ofCustomer(customer)).toEqual([]);
    expect(starter.requests).toEqual([]);
  });

  it("lists at most 20 problems and counts the rest: 9,000 empty items get a small reply", async () => {
    // Prepare
    const { api } = setup();
    const order = { ...sampleOrder(uniqueOrderId()), items: Array.from({ length: 9000 }, () => ({})) };

    // Act
    const response = await api(postOrder(order));

    // Assess
    const problem = bodyOf(response);
    expect(response.statusCode).toBe(400);
    expect(problem.errors).toHaveLength(20);
    expect(problem.omittedErrors).toBe(17980);
    expect(response.body.length).toBeLessThan(4096);
  });

  it("rejects any body that is not JSON with a 400 malformed-json problem", async () => {
    const notJson = fc.string({ maxLength: 40 }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    const { api, starter } = setup();
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        // Act
        const response = await api(httpEvent({ body: text }));

        // Assess
        expect(response.statusCode).toBe(400);
        expect(bodyOf(response).type).toBe(PROBLEM_TYPES.malformedJson);
      }),
    );
    expect(starter.requests).toEqual([]);
  });

  it("refuses a body not declared as JSON with 415, without repeating the declared type", async () => {
    // Prepare
    const { api } = setup();
    const body = JSON.stringify(sampleOrder(uniqueOrderId()));

    // Act
    const response = await api(
      httpEvent({ body, headers: { "content-type": "text/plain; x=424242424242" } }),
    );

    // Assess
    expect(response.statusCode).toBe(415);
    expect(response.headers["accept-post"]).toBe("application/json");
    expect(response.body).not.toContain("424242424242");
  });

  it("refuses a body over 64 KiB with 413", async () => {
    // Prepare
    const { api } = setup();
    const order = { ...sampleOrder(uniqueOrderId()), clientReference: "x".repeat(64 * 1024) };

    // Act
    const response = await api(postOrder(order));

    // Assess
    expect(response.statusCode).toBe(413);
    expect(bodyOf(response)).toMatchObject({ type: "about:blank", title: "Content Too Large", status: 413 });
  });

  it("refuses a request without a verified token with 401, before reading the body", async () => {
    // Prepare
    const { api, starter } = setup();

    // Act
    const response = await api(httpEvent({ as: null, body: "not even JSON" }));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toBe("Bearer");
    expect(starter.requests).toEqual([]);
  });

  it("refuses a token whose subject cannot be a customer id with 403", async () => {
    // Prepare
    const { api, starter } = setup();

    // Act
    const response = await api(postOrder(sampleOrder(uniqueOrderId()), { as: "has spaces\u0000" }));

    // Assess
    expect(response.statusCode).toBe(403);
    expect(bodyOf(response).type).toBe(PROBLEM_TYPES.unusableSubject);
    expect(starter.requests).toEqual([]);
  });

  it("logs the order id and never the customer, the e-mail or the card token", async () => {
    const localPart = fc.string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
      minLength: 6,
      maxLength: 12,
    });
    const token = fc.string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
      minLength: 12,
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(localPart, token, async (name, secret) => {
        // Prepare
        const { api, log, starter } = setup();
        const customer = uniqueCustomer();
        const order = sampleOrder(uniqueOrderId());
        order.customer.email = `${name}@example.com`;
        order.payment.token = `tok_${secret}`;
        starter.failNext();

        // Act: a failed start, the healing repeat, a conflict and a status read
        const first = await api(postOrder(order, { as: customer }));
        const { orderId } = bodyOf(first) as { orderId: string };
        await api(postOrder(order, { as: customer }));
        await api(postOrder({ ...order, currency: "USD" }, { as: customer }));
        await api(getOrder(orderId, { as: customer }));

        // Assess
        const text = log.text();
        expect(text).not.toContain(name);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(customer);
        expect(log.lines.filter((l) => l.message === "order accepted").map((l) => l.keys.orderId)).toEqual([
          orderId,
        ]);
      }),
      { numRuns: 8 },
    );
  });
});

describe("GET /orders/{id}", () => {
  it("reports the caller's new order as PENDING with its timestamps", async () => {
    // Prepare
    const { api } = setup();
    const key = uniqueOrderId();
    const orderId = await posted(api, sampleOrder(key));

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(bodyOf(response)).toEqual({
      orderId,
      idempotencyKey: key,
      status: "PENDING",
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it("reports a failed order with its error and the message of the task's cause, without the stack", async () => {
    // Prepare
    const { api } = setup();
    const orderId = await posted(api, sampleOrder(uniqueOrderId()));
    const cause = JSON.stringify({
      errorType: "OutOfStock",
      errorMessage: "not enough stock: SKU-MUG requested 1, available 0",
      trace: ["OutOfStock: not enough stock", "    at reserve (/var/task/handler.mjs:1:200)"],
    });
    await table.mark(orderId, "FAILED", { error: "OutOfStock", cause });

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(bodyOf(response)).toMatchObject({
      orderId,
      status: "FAILED",
      updatedAt: "2026-11-25T22:00:00.000Z",
      error: "OutOfStock",
      cause: "not enough stock: SKU-MUG requested 1, available 0",
    });
  });

  it("reports a cause that is plain text as it is", async () => {
    // Prepare
    const { api } = setup();
    const orderId = await posted(api, sampleOrder(uniqueOrderId()));
    await table.mark(orderId, "REJECTED", { error: "ValidationError", cause: "unknown SKU SKU-MUG" });

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(bodyOf(response)).toMatchObject({ status: "REJECTED", cause: "unknown SKU SKU-MUG" });
  });

  it("answers another customer's order exactly as an id no order has: 404, same body", async () => {
    // Prepare
    const { api } = setup();
    const bea = uniqueCustomer();
    const anasOrder = await posted(api, sampleOrder(uniqueOrderId()));
    const unknown = uniqueOrderId();

    // Act
    const someoneElses = await api(getOrder(anasOrder, { as: bea }));
    const nobodys = await api(getOrder(unknown, { as: bea }));

    // Assess
    expect(someoneElses.statusCode).toBe(404);
    expect(someoneElses.body).toBe(nobodys.body);
    expect(someoneElses.headers).toEqual(nobodys.headers);
  });

  it("answers 404 for an order the workflow recorded without a customer", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();
    const item = { orderId, status: "COMPLETED", createdAt: NOW, updatedAt: NOW };
    await table.client.send(new PutCommand({ TableName: db.names.orders, Item: item }));

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(404);
  });

  it("answers 400 for any id outside the order id pattern, repeating none of it", async () => {
    const { api } = setup();
    const malformed = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !ORDER_ID_PATTERN.test(s));
    await fc.assert(
      fc.asyncProperty(malformed, async (id) => {
        // Act
        const response = await api(getOrder(encodeURIComponent(id)));

        // Assess
        expect(response.statusCode).toBe(400);
        expect(bodyOf(response).type).toBe(PROBLEM_TYPES.invalidOrderId);
      }),
    );
  });

  it("answers 401 without a verified token", async () => {
    // Prepare
    const { api } = setup();
    const orderId = await posted(api, sampleOrder(uniqueOrderId()));

    // Act
    const response = await api(getOrder(orderId, { as: null }));

    // Assess
    expect(response.statusCode).toBe(401);
  });
});

describe("routing and failures", () => {
  it.each([
    ["PUT", "/orders", "GET, POST"],
    ["DELETE", "/orders", "GET, POST"],
    ["DELETE", "/orders/ord_1", "GET"],
    ["POST", "/orders/ord_1", "GET"],
  ])("answers %s %s with 405 and Allow: %s", async (method, path, allow) => {
    // Prepare
    const { api } = setup();

    // Act
    const response = await api(httpEvent({ method, path }));

    // Assess
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers["content-type"]).toBe("application/problem+json");
  });

  it.each(["/", "/order", "/orders/", "/orders/ord_1/items", "/prod/orders", "/424242424242"])(
    "answers %s with a 404 problem that does not repeat the path",
    async (path) => {
      // Prepare
      const { api } = setup();

      // Act
      const response = await api(httpEvent({ method: "GET", path }));

      // Assess
      expect(response.statusCode).toBe(404);
      expect(bodyOf(response)).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
      expect(String(bodyOf(response).detail)).not.toContain("424242424242");
    },
  );

  it("turns an unexpected failure into a 500 problem that says nothing of internals, and logs it", async () => {
    // Prepare: a table that does not exist makes DynamoDB itself fail
    const { api, log } = setup("no-such-table");

    // Act
    const response = await api(postOrder(sampleOrder(uniqueOrderId())));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response)).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "the order service failed unexpectedly; try again later",
    });
    expect(log.lines.find((l) => l.level === "ERROR")?.message).toBe("request failed");
    expect(log.text()).toContain("ResourceNotFoundException");
  });
});
