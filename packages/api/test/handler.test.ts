import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { type CapturedLogs, captureLogs } from "@orderflow/task-kit/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { bodyOf, getOrder, httpEvent, listOrders, postOrder, sampleOrder } from "./support/events";
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

/** What the handler's logger wrote in the current test (kept off the test output). */
let logs: CapturedLogs;
beforeEach(() => {
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:x`, startDate: new Date() });
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

const startedNames = () => sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);

describe("handler (DynamoDB Local, Step Functions mocked)", () => {
  it("accepts an order with 202, stores it without the card token and starts the workflow for it", async () => {
    // Prepare
    const key = uniqueOrderId();

    // Act
    const response = await handler(postOrder(sampleOrder(key)));

    // Assess
    const { orderId } = bodyOf(response) as { orderId: string };
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toMatchObject({ idempotencyKey: key, status: "PENDING" });
    expect(response.headers.location).toMatch(new RegExp(`^https://[^/]+/orders/${orderId}$`));
    const item = await table.item(orderId);
    expect(item).toMatchObject({ orderId, status: "PENDING", customerId: "cus_ana", idempotencyKey: key });
    expect(JSON.stringify(item)).not.toContain("tok_visa");
    expect(startedNames()).toEqual([orderId]);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.stateMachineArn).toBe(ARN);
  });

  it("answers a repeated order with 202 and the same order; Step Functions reports it already exists", async () => {
    // Prepare
    const key = uniqueOrderId();
    const first = await handler(postOrder(sampleOrder(key)));
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: "Execution Already Exists", $metadata: {} }));

    // Act
    const repeat = await handler(postOrder(sampleOrder(key)));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toEqual(bodyOf(first));
  });

  it("answers the same key with a different order with 409 and starts nothing", async () => {
    // Prepare
    const key = uniqueOrderId();
    const first = await handler(postOrder(sampleOrder(key)));
    const different = { ...sampleOrder(key), currency: "USD" };

    // Act
    const response = await handler(postOrder(different));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(startedNames()).toEqual([bodyOf(first).orderId]);
  });

  it.each([
    ["an invalid order", postOrder({ ...sampleOrder("ord_bad_1"), items: [] }), 400],
    ["malformed JSON", httpEvent({ body: "{" }), 400],
    [
      "a body over 64 KiB",
      postOrder({ ...sampleOrder("ord_big_1"), clientReference: "x".repeat(70_000) }),
      413,
    ],
    [
      "a body that is not JSON",
      httpEvent({ body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      415,
    ],
    ["an unknown path", httpEvent({ method: "GET", path: "/customers" }), 404],
    ["a wrong method", httpEvent({ method: "DELETE", path: "/orders" }), 405],
    ["no verified token", postOrder(sampleOrder("ord_anon_1"), { as: null }), 401],
    ["a malformed id", getOrder("not%20an%20id"), 400],
    ["an unknown order", getOrder("ord_never_posted"), 404],
  ])("answers %s with a %i problem and starts nothing", async (_case, event, status) => {
    // Act
    const response = await handler(event);

    // Assess
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(bodyOf(response).status).toBe(status);
    expect(startedNames()).toEqual([]);
  });

  it("reports an accepted order's status with GET", async () => {
    // Prepare
    const created = await handler(postOrder(sampleOrder(uniqueOrderId())));
    const { orderId } = bodyOf(created) as { orderId: string };
    await table.mark(orderId, "COMPLETED");

    // Act
    const response = await handler(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      orderId,
      status: "COMPLETED",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: "2026-11-25T22:00:00.000Z",
    });
  });

  it("writes JSON logs with the order id and without the e-mail or card token", async () => {
    // Act
    const response = await handler(postOrder(sampleOrder(uniqueOrderId())));
    const { orderId } = bodyOf(response);

    // Assess
    expect(logs.records().find((l) => l.message === "order accepted")).toMatchObject({
      orderId,
      service: "orders-api",
    });
    expect(logs.text()).not.toMatch(/ana@example\.com|tok_visa/);
  });
});

describe("two customers on one API (handler, DynamoDB Local)", () => {
  it("give each their own order for the same key, and each sees only their own, one by one and listed", async () => {
    // Prepare
    const [ana, bea] = [uniqueCustomer(), uniqueCustomer()];
    const key = uniqueOrderId();

    // Act
    const anas = await handler(postOrder(sampleOrder(key), { as: ana }));
    const beas = await handler(postOrder(sampleOrder(key), { as: bea }));
    const anaId = bodyOf(anas).orderId as string;
    const beaId = bodyOf(beas).orderId as string;

    // Assess
    expect([anas.statusCode, beas.statusCode]).toEqual([202, 202]);
    expect(anaId).not.toBe(beaId);
    expect(startedNames()).toEqual([anaId, beaId]);
    expect((await handler(getOrder(anaId, { as: ana }))).statusCode).toBe(200);
    expect((await handler(getOrder(beaId, { as: bea }))).statusCode).toBe(200);
    expect((await handler(getOrder(beaId, { as: ana }))).statusCode).toBe(404);
    expect((await handler(getOrder(anaId, { as: bea }))).statusCode).toBe(404);
    const listed = async (who: string) =>
      (bodyOf(await handler(listOrders({}, { as: who }))).orders as { orderId: string }[]).map(
        (o) => o.orderId,
      );
    expect(await listed(ana)).toEqual([anaId]);
    expect(await listed(bea)).toEqual([beaId]);
  });

  it("cannot block each other's keys: the second customer to use a key still gets 202", async () => {
    // Prepare: Bea takes the key first, with an order Ana's differs from
    const [ana, bea] = [uniqueCustomer(), uniqueCustomer()];
    const key = uniqueOrderId();
    await handler(postOrder({ ...sampleOrder(key), currency: "USD" }, { as: bea }));

    // Act
    const anas = await handler(postOrder(sampleOrder(key), { as: ana }));

    // Assess
    expect(anas.statusCode).toBe(202);
    expect(bodyOf(anas)).toMatchObject({ idempotencyKey: key, status: "PENDING" });
  });

  it("cannot file an order into the other's history", async () => {
    // Prepare
    const [ana, bea] = [uniqueCustomer(), uniqueCustomer()];
    await handler(postOrder(sampleOrder(uniqueOrderId()), { as: ana }));
    const intoAnas = { ...sampleOrder(uniqueOrderId()), customer: { id: ana, email: "bea@example.com" } };

    // Act
    const response = await handler(postOrder(intoAnas, { as: bea }));

    // Assess
    expect(response.statusCode).toBe(403);
    expect(await table.ofCustomer(ana)).toHaveLength(1);
    expect(await table.ofCustomer(bea)).toEqual([]);
  });
});
