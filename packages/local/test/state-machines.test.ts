import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ExecutionAlreadyExists } from "../src/runtime/execution";
import { LOCAL_NAME } from "../src/runtime/local-refs";
import {
  InvalidDefinition,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
} from "../src/runtime/state-machines";
import { freshSku, orderFor, startTestRuntime } from "./support";

const runtime = await startTestRuntime();
afterAll(() => runtime.stop());

const uniqueName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

/** One Task state invoking `functionName` with the state input, then the end. */
function priceOnly(functionName: string) {
  return {
    StartAt: "Price",
    States: {
      Price: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: functionName, "Payload.$": "$" },
        OutputPath: "$.Payload",
        End: true,
      },
    },
  };
}

describe("state machines besides the order workflow", () => {
  it("runs a definition that invokes a project function by name through its real handler", async () => {
    // Prepare
    const sku = await freshSku(runtime, 5);
    const { orderId: _id, ...order } = orderFor(sku);
    const machine = runtime.machines.create({
      name: uniqueName("price"),
      definition: priceOnly("validate-order"),
    });

    // Act
    const execution = runtime.machines.begin(machine.arn, "first", { ...order, orderId: "ord_MACHINE1" });
    const report = await execution.report;

    // Assess
    expect(execution.executionArn).toBe(`${machine.arn.replace(":stateMachine:", ":execution:")}:first`);
    expect(execution.stateMachineArn).toBe(machine.arn);
    expect(report.status).toBe("SUCCEEDED");
    expect(report.output).toMatchObject({
      orderId: "ord_MACHINE1",
      total: { amount: 2500, currency: "EUR" },
    });
  });

  it("accepts the function's local ARN as well as its names", () => {
    // Act
    const byArn = runtime.machines.create({
      name: uniqueName("arn"),
      definition: JSON.stringify(
        priceOnly(`arn:aws:lambda:eu-central-1:000000000000:function:${LOCAL_NAME}-ValidateOrder`),
      ),
    });

    // Assess
    expect(byArn.taskStates.map((s) => s.name)).toEqual(["Price"]);
  });

  it("refuses, at creation, tasks that name anything but this project's functions, tables and bus", () => {
    // Prepare
    const foreignTable = {
      StartAt: "Write",
      States: {
        Write: {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:putItem",
          Parameters: { TableName: "someone-elses-table", Item: {} },
          End: true,
        },
      },
    };
    const sqs = {
      StartAt: "Send",
      States: { Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } },
    };
    const dynamic = priceOnly("validate-order");
    dynamic.States.Price.Parameters = { "FunctionName.$": "$.fn", "Payload.$": "$" } as never;

    // Act
    const create = (definition: unknown) => () =>
      runtime.machines.create({ name: uniqueName("bad"), definition });

    // Assess
    expect(create(priceOnly("mine-somewhere-else"))).toThrow(
      /state Price invokes mine-somewhere-else, which is not a function of this project/,
    );
    expect(create(foreignTable)).toThrow(/state Write uses table someone-elses-table/);
    expect(create(sqs)).toThrow(/cannot run resource arn:aws:states:::sqs:sendMessage/);
    expect(create(dynamic)).toThrow(/FunctionName\.\$/);
    expect(create("{ not json")).toThrow(InvalidDefinition);
    expect(create({ StartAt: "Nowhere", States: { A: { Type: "Succeed" } } })).toThrow(InvalidDefinition);
  });

  it("refuses a second machine of the same name, the order workflow's included", () => {
    // Prepare
    const name = uniqueName("twice");
    runtime.machines.create({ name, definition: priceOnly("validate-order") });

    // Act
    const again = () => runtime.machines.create({ name, definition: priceOnly("validate-order") });
    const workflow = () =>
      runtime.machines.create({ name: LOCAL_NAME, definition: priceOnly("validate-order") });

    // Assess
    expect(again).toThrow(StateMachineAlreadyExists);
    expect(workflow).toThrow(StateMachineAlreadyExists);
  });

  it("returns a running execution for a repeat of its name and input, and refuses another input", async () => {
    // Prepare
    const machine = runtime.machines.create({
      name: uniqueName("wait"),
      definition: { StartAt: "Hold", States: { Hold: { Type: "Pass", End: true } } },
    });
    const first = runtime.machines.begin(machine.arn, "same", { a: 1 });

    // Act
    const repeat = runtime.machines.begin(machine.arn, "same", { a: 1 });
    const other = () => runtime.machines.begin(machine.arn, "same", { a: 2 });

    // Assess
    expect(repeat).toBe(first);
    expect(other).toThrow(ExecutionAlreadyExists);
    expect((await first.report).output).toEqual({ a: 1 });
  });

  it("runs new executions on an updated definition, and none once the machine is deleted", async () => {
    // Prepare
    const machine = runtime.machines.create({
      name: uniqueName("update"),
      definition: { StartAt: "A", States: { A: { Type: "Pass", Result: "old", End: true } } },
    });
    const before = await runtime.machines.begin(machine.arn, "before", {}).report;

    // Act
    runtime.machines.update(machine.arn, {
      definition: { StartAt: "A", States: { A: { Type: "Pass", Result: "new", End: true } } },
    });
    const after = await runtime.machines.begin(machine.arn, "after", {}).report;
    runtime.machines.delete(machine.arn);

    // Assess
    expect([before.output, after.output]).toEqual(["old", "new"]);
    expect(() => runtime.machines.begin(machine.arn, "gone", {})).toThrow(StateMachineDoesNotExist);
    expect(runtime.machines.executions().map((e) => e.name)).toEqual(
      expect.arrayContaining(["before", "after"]),
    );
  });
});
