import {
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from "@aws-sdk/client-sfn";
import type { Order } from "@orderflow/domain";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SfnWorkflowStarter } from "../src/sfn-workflow-starter";
import { sampleOrder } from "./support/events";

const ARN = "arn:aws:states:eu-central-1:123456789012:stateMachine:orderflow-dev-orders:live";
const sfn = mockClient(SFNClient);
// The mock replaces the client's send for the whole worker: later files that share it get the real one.
afterAll(() => {
  sfn.restore();
});
afterEach(() => {
  sfn.reset();
});

const sample = sampleOrder("ord_sfn_1");
const order: Order = { ...sample, customer: { ...sample.customer, id: "cus_ana" } };
const starter = () => new SfnWorkflowStarter(new SFNClient({ region: "eu-central-1" }), ARN);

describe("SfnWorkflowStarter", () => {
  it("starts an execution named after the order with the order, keys sorted, as input", async () => {
    // Prepare
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:ord_sfn_1`, startDate: new Date() });

    // Act
    const outcome = await starter().start(order);

    // Assess
    expect(outcome).toBe("started");
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: "ord_sfn_1",
      input:
        '{"currency":"EUR","customer":{"email":"ana@example.com","id":"cus_ana"},' +
        '"items":[{"quantity":2,"sku":"SKU-TSHIRT-M"},{"quantity":1,"sku":"SKU-MUG"}],' +
        '"orderId":"ord_sfn_1","payment":{"token":"tok_visa"},' +
        '"shippingAddress":{"city":"Berlin","country":"DE","line1":"Main St 1","name":"Ana Lima","postalCode":"10115"}}',
    });
  });

  it("sends identical input for the same order whatever its key order, so a repeat start is idempotent", async () => {
    // Prepare
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:ord_sfn_1`, startDate: new Date() });
    const reordered = Object.fromEntries(Object.entries(order).reverse()) as Order;

    // Act
    await starter().start(order);
    await starter().start(reordered);

    // Assess
    const [first, second] = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(second).toEqual(first);
  });

  it("counts ExecutionAlreadyExists as already started", async () => {
    // Prepare
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: "Execution Already Exists", $metadata: {} }));

    // Act
    const outcome = await starter().start(order);

    // Assess
    expect(outcome).toBe("already-started");
  });

  it("lets any other failure through", async () => {
    // Prepare
    sfn
      .on(StartExecutionCommand)
      .rejects(new StateMachineDoesNotExist({ message: "State Machine Does Not Exist", $metadata: {} }));

    // Act
    const start = starter().start(order);

    // Assess
    await expect(start).rejects.toThrow(StateMachineDoesNotExist);
  });
});
