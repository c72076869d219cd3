import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { ORDER_ID_PATTERN } from "@orderflow/domain";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApi } from "../src/core";
import { DynamoOrderStore } from "../src/dynamo-order-store";
import { PROBLEM_TYPES } from "../src/problem";
import { bodyOf, getOrder, httpEvent, postOrder, sampleOrder } from "./support/events";
import { OrdersTable, uniqueOrderId } from "./support/local-orders";
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

describe("POST /orders", () => {
  it("stores a new order as PENDING, starts its workflow with the full order and replies 202", async () => {
    // Prepare
    const { api, starter } = setup();
    const orderId = uniqueOrderId();
    const order = sampleOrder(orderId);

    // Act
    const response = await api(postOrder(order));

    // Assess
    const statusUrl = `https://${DOMAIN}/orders/${orderId}`;
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toEqual({ orderId, status: "PENDING", statusUrl });
    expect(response.headers.location).toBe(statusUrl);
    expect(response.headers["content-type"]).toBe("application/json");
    expect([...starter.executions.entries()]).toEqual([[orderId, order]]);
    expect(await table.item(orderId)).toMatchObject({ status: "PENDING", createdAt: NOW, updatedAt: NOW });
  });

  it("gives a relative status URL when the request names no domain", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();

    // Act
    const response = await api(postOrder(sampleOrder(orderId), { domainName: null }));

    // Assess
    expect(bodyOf(response).statusUrl).toBe(`/orders/${orderId}`);
    expect(response.headers.location).toBe(`/orders/${orderId}`);
  });

  it("assigns a well-formed id to an order that has none and starts the workflow under it", async () => {
    // Prepare
    const { api, starter } = setup();

    // Act
    const response = await api(postOrder(sampleOrder(undefined)));

    // Assess
    const { orderId } = bodyOf(response);
    expect(response.statusCode).toBe(202);
    expect(orderId).toMatch(ORDER_ID_PATTERN);
    expect(starter.executions.get(orderId as string)?.orderId).toBe(orderId);
    expect(await table.item(orderId as string)).toMatchObject({ orderId, status: "PENDING" });
  });

  it("answers a repeat of the same order (any key order or spacing) with the same order and one execution", async () => {
    // Prepare
    const { api, starter } = setup();
    const orderId = uniqueOrderId();
    const order = sampleOrder(orderId);
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const first = await api(postOrder(order));

    // Act
    const repeat = await api(httpEvent({ body: JSON.stringify(reordered, null, 2) }));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toEqual(bodyOf(first));
    expect(starter.executions.size).toBe(1);
    expect(starter.requests.map((o) => o.orderId)).toEqual([orderId, orderId]);
  });

  it("heals a crash between storing and starting: the client's repeat starts the workflow once", async () => {
    // Prepare
    const { api, starter } = setup();
    const orderId = uniqueOrderId();
    starter.failNext();

    // Act
    const failed = await api(postOrder(sampleOrder(orderId)));
    const stored = await table.item(orderId);
    const repeat = await api(postOrder(sampleOrder(orderId)));

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
    const orderId = uniqueOrderId();
    await api(postOrder(sampleOrder(orderId)));
    await table.mark(orderId, "COMPLETED");

    // Act
    const repeat = await api(postOrder(sampleOrder(orderId)));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toMatchObject({ orderId, status: "COMPLETED" });
    expect(starter.requests).toHaveLength(1);
  });

  it("rejects the same id with a different order as a 409 problem, leaving the stored order as it was", async () => {
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
        const orderId = uniqueOrderId();
        await api(postOrder(sampleOrder(orderId)));
        const before = await table.item(orderId);
        const different = sampleOrder(orderId);
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

  it("answers 409 for an id the workflow recorded from an execution started without the API", async () => {
    // Prepare: the status states create a minimal item (no request fingerprint) when none exists
    const { api, starter } = setup();
    const orderId = uniqueOrderId();
    await table.client.send(
      new PutCommand({
        TableName: db.names.orders,
        Item: { orderId, status: "COMPLETED", createdAt: NOW, updatedAt: NOW },
      }),
    );

    // Act
    const response = await api(postOrder(sampleOrder(orderId)));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(bodyOf(response)).toMatchObject({ type: PROBLEM_TYPES.orderConflict, orderId });
    expect(starter.requests).toHaveLength(0);
  });

  it("rejects an invalid order with a 400 problem naming every bad field, storing and starting nothing", async () => {
    // Prepare
    const { api, starter } = setup();
    const orderId = uniqueOrderId();
    const { shippingAddress: _missing, ...order } = sampleOrder(orderId);
    const invalid = {
      ...order,
      customer: { id: "cus_ana", email: "not-an-email" },
      items: [{ sku: "lower", quantity: 0 }],
      discount: 10,
    };

    // Act
    const response = await api(postOrder(invalid));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    const problem = bodyOf(response);
    expect(problem).toMatchObject({ type: PROBLEM_TYPES.invalidOrder, status: 400 });
    const paths = (problem.errors as { path: string; message: string }[]).map((e) => e.path);
    expect(paths.sort()).toEqual(
      ["customer.email", "discount", "items[0].quantity", "items[0].sku", "shippingAddress"].sort(),
    );
    expect(await table.item(orderId)).toBeUndefined();
    expect(starter.requests).toEqual([]);
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

  it("refuses a body not declared as JSON with 415", async () => {
    // Prepare
    const { api } = setup();
    const body = JSON.stringify(sampleOrder(uniqueOrderId()));

    // Act
    const response = await api(httpEvent({ body, headers: { "content-type": "text/plain" } }));

    // Assess
    expect(response.statusCode).toBe(415);
    expect(response.headers["accept-post"]).toBe("application/json");
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

  it("logs the order id and never the customer's e-mail or card token", async () => {
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
        const orderId = uniqueOrderId();
        const order = sampleOrder(orderId);
        order.customer.email = `${name}@example.com`;
        order.payment.token = `tok_${secret}`;
        starter.failNext();

        // Act: a failed start, the healing repeat, a conflict and a status read
        await api(postOrder(order));
        await api(postOrder(order));
        await api(postOrder({ ...order, currency: "USD" }));
        await api(getOrder(orderId));

        // Assess
        const text = log.text();
        expect(text).not.toContain(name);
        expect(text).not.toContain(secret);
        expect(log.lines.filter((l) => l.message === "order accepted").map((l) => l.keys.orderId)).toEqual([
          orderId,
        ]);
      }),
      { numRuns: 8 },
    );
  });
});

describe("GET /orders/{id}", () => {
  it("reports a new order as PENDING with its timestamps", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();
    await api(postOrder(sampleOrder(orderId)));

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(bodyOf(response)).toEqual({ orderId, status: "PENDING", createdAt: NOW, updatedAt: NOW });
  });

  it("reports a failed order with its error and the message of the task's cause, without the stack", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();
    await api(postOrder(sampleOrder(orderId)));
    const cause = JSON.stringify({
      errorType: "OutOfStock",
      errorMessage: "not enough stock: SKU-MUG requested 1, available 0",
      trace: ["OutOfStock: not enough stock", "    at reserve (/var/task/handler.mjs:1:200)"],
    });
    await table.mark(orderId, "FAILED", { error: "OutOfStock", cause });

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(bodyOf(response)).toEqual({
      orderId,
      status: "FAILED",
      createdAt: NOW,
      updatedAt: "2026-11-25T22:00:00.000Z",
      error: "OutOfStock",
      cause: "not enough stock: SKU-MUG requested 1, available 0",
    });
  });

  it("reports a cause that is plain text as it is", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();
    await api(postOrder(sampleOrder(orderId)));
    await table.mark(orderId, "REJECTED", { error: "ValidationError", cause: "unknown SKU SKU-MUG" });

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(bodyOf(response)).toMatchObject({ status: "REJECTED", cause: "unknown SKU SKU-MUG" });
  });

  it("answers 404 for an id no order has", async () => {
    // Prepare
    const { api } = setup();
    const orderId = uniqueOrderId();

    // Act
    const response = await api(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(bodyOf(response)).toMatchObject({ status: 404, orderId });
  });

  it("answers 400 for any id outside the order id pattern", async () => {
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
});

describe("routing and failures", () => {
  it.each([
    ["GET", "/orders", "POST"],
    ["PUT", "/orders", "POST"],
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

  it.each(["/", "/order", "/orders/", "/orders/ord_1/items", "/prod/orders"])(
    "answers %s with a 404 problem",
    async (path) => {
      // Prepare
      const { api } = setup();

      // Act
      const response = await api(httpEvent({ method: "GET", path }));

      // Assess
      expect(response.statusCode).toBe(404);
      expect(bodyOf(response)).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
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
