import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { useLocalTables } from "@orderflow/dynamodb-local/vitest";
import { type CapturedLogs, captureLogs } from "@orderflow/task-kit/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bodyOf, getOrder, httpEvent, postOrder, sampleOrder } from "./support/events";
import { OrdersTable, uniqueOrderId } from "./support/local-orders";

const ARN = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-test-orders:live";
const db = await useLocalTables(["orders"]);
process.env.STATE_MACHINE_ARN = ARN;
const sfn = mockClient(SFNClient);
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
    const orderId = uniqueOrderId();

    // Act
    const response = await handler(postOrder(sampleOrder(orderId)));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(bodyOf(response)).toMatchObject({ orderId, status: "PENDING" });
    expect(response.headers.location).toMatch(new RegExp(`^https://[^/]+/orders/${orderId}$`));
    const item = await table.item(orderId);
    expect(item).toMatchObject({ orderId, status: "PENDING", customerId: "cus_ana" });
    expect(JSON.stringify(item)).not.toContain("tok_visa");
    expect(startedNames()).toEqual([orderId]);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.stateMachineArn).toBe(ARN);
  });

  it("answers a repeated order with 202 and the same order; Step Functions reports it already exists", async () => {
    // Prepare
    const orderId = uniqueOrderId();
    const first = await handler(postOrder(sampleOrder(orderId)));
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: "Execution Already Exists", $metadata: {} }));

    // Act
    const repeat = await handler(postOrder(sampleOrder(orderId)));

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toEqual(bodyOf(first));
  });

  it("answers the same id with a different order with 409 and starts nothing", async () => {
    // Prepare
    const orderId = uniqueOrderId();
    await handler(postOrder(sampleOrder(orderId)));
    const different = { ...sampleOrder(orderId), currency: "USD" };

    // Act
    const response = await handler(postOrder(different));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(startedNames()).toEqual([orderId]);
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
    const orderId = uniqueOrderId();
    await handler(postOrder(sampleOrder(orderId)));
    await table.mark(orderId, "COMPLETED");

    // Act
    const response = await handler(getOrder(orderId));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({
      orderId,
      status: "COMPLETED",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: "2026-11-25T22:00:00.000Z",
    });
  });

  it("writes JSON logs with the order id and without the e-mail or card token", async () => {
    // Prepare
    const orderId = uniqueOrderId();

    // Act
    await handler(postOrder(sampleOrder(orderId)));

    // Assess
    expect(logs.records().find((l) => l.message === "order accepted")).toMatchObject({
      orderId,
      service: "orders-api",
    });
    expect(logs.text()).not.toMatch(/ana@example\.com|tok_visa/);
  });
});
