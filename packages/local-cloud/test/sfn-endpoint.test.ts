import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidArn,
  InvalidDefinition,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskHeartbeatCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  UpdateStateMachineCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import { aws, awsCliV2 } from "./aws-cli";
import { demoOrder, eventually, orderId, sfnClientFor, startTestCloud } from "./support";

const cloud = await startTestCloud();
const sfn = sfnClientFor(cloud);
afterAll(async () => {
  sfn.destroy();
  await cloud.stop();
});

const finished = (executionArn: string) =>
  eventually(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (e) => e.status !== "RUNNING",
  );

async function orderMachineArn(): Promise<string> {
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  return stateMachines.find((m) => m.name === "orderflow-local")?.stateMachineArn ?? "";
}

async function fullHistory(executionArn: string): Promise<HistoryEvent[]> {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events;
}

const machineName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

describe("the local Step Functions endpoint, through the real SDK v3 client", () => {
  it("lists the order workflow and describes it with the definition the runtime runs", async () => {
    // Act
    const arn = await orderMachineArn();
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));

    // Assess
    expect(arn).toBe("arn:aws:states:eu-central-1:000000000000:stateMachine:orderflow-local");
    expect(described).toMatchObject({ name: "orderflow-local", status: "ACTIVE", type: "STANDARD" });
    expect(JSON.parse(described.definition ?? "")).toEqual(cloud.runtime.definition);
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it("starts an order, describes it until it succeeds, and lists it", async () => {
    // Prepare
    const stateMachineArn = await orderMachineArn();
    const order = demoOrder();

    // Act
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: order.orderId, input: JSON.stringify(order) }),
    );
    const described = await finished(started.executionArn ?? "");
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED" }));

    // Assess
    expect(started.executionArn).toBe(
      `arn:aws:states:eu-central-1:000000000000:execution:orderflow-local:${order.orderId}`,
    );
    expect(described).toMatchObject({ status: "SUCCEEDED", name: order.orderId, stateMachineArn });
    expect(JSON.parse(described.output ?? "{}")).toMatchObject({
      orderId: order.orderId,
      shipment: expect.any(Object),
    });
    expect(JSON.parse(described.input ?? "{}")).toEqual(order);
    expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? Infinity);
    expect(listed.executions?.map((e) => e.executionArn)).toContain(started.executionArn);
  });

  it("answers the history in AWS's event types, with the Parameters each task was called with", async () => {
    // Prepare
    const stateMachineArn = await orderMachineArn();
    const order = demoOrder();
    const { executionArn = "" } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(order) }),
    );
    await finished(executionArn);

    // Act
    const events = await fullHistory(executionArn);

    // Assess
    expect(events.map((e) => e.type).slice(0, 6)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
    ]);
    expect(events.at(-1)?.type).toBe("ExecutionSucceeded");
    expect(events.map((e) => [e.id, e.previousEventId])).toEqual(events.map((_, i) => [i + 1, i]));
    const validate = events[2]?.taskScheduledEventDetails;
    expect(validate).toMatchObject({ resourceType: "lambda", resource: "invoke", region: "eu-central-1" });
    expect(JSON.parse(validate?.parameters ?? "{}")).toMatchObject({
      FunctionName: expect.stringContaining(":function:orderflow-local-ValidateOrder"),
      Payload: { orderId: order.orderId },
    });
    expect(JSON.parse(events[4]?.taskSucceededEventDetails?.output ?? "{}")).toMatchObject({
      StatusCode: 200,
    });
    expect(
      events.find(
        (e) => e.type === "TaskStateEntered" && e.stateEnteredEventDetails?.name === "CreateShipment",
      ),
    ).toBeDefined();
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "TaskScheduled",
        taskScheduledEventDetails: expect.objectContaining({
          resourceType: "ecs",
          resource: "runTask.waitForTaskToken",
        }),
      }),
    );
  });

  it("pages the history with nextToken, and reverses it on request", async () => {
    // Prepare
    const stateMachineArn = await orderMachineArn();
    const { executionArn = "" } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(demoOrder()) }),
    );
    await finished(executionArn);
    const all = await fullHistory(executionArn);

    // Act
    const pages: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 10, nextToken }),
      );
      pages.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }),
    );

    // Assess
    expect(pages).toEqual(all);
    expect(reversed.events?.[0]?.type).toBe("ExecutionSucceeded");
  });

  it("refuses a second start of a finished execution's name with ExecutionAlreadyExists", async () => {
    // Prepare
    const stateMachineArn = await orderMachineArn();
    const order = demoOrder();
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: order.orderId, input: JSON.stringify(order) }),
    );
    await finished(first.executionArn ?? "");

    // Act
    const again = sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: order.orderId, input: JSON.stringify(order) }),
    );

    // Assess
    await expect(again).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(again).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it("answers unknown and malformed ARNs with the AWS errors", async () => {
    // Prepare
    const machine = await orderMachineArn();
    const unknownExecution = `${machine.replace(":stateMachine:", ":execution:")}:${orderId()}`;

    // Act / Assess
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: unknownExecution })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      sfn.send(new GetExecutionHistoryCommand({ executionArn: unknownExecution })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: "not-an-arn" })),
    ).rejects.toBeInstanceOf(InvalidArn);
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${machine}-gone` })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("refuses an order whose execution name is not its order id", async () => {
    // Prepare
    const order = demoOrder();

    // Act
    const start = sfn.send(
      new StartExecutionCommand({
        stateMachineArn: await orderMachineArn(),
        name: orderId(),
        input: JSON.stringify(order),
      }),
    );

    // Assess
    await expect(start).rejects.toBeInstanceOf(ValidationException);
  });
});

describe("state machines created through the endpoint", () => {
  const definition = (result: string) =>
    JSON.stringify({
      StartAt: "Price",
      States: {
        Price: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "validate-order", "Payload.$": "$" },
          ResultSelector: { "total.$": "$.Payload.total" },
          Next: "Label",
        },
        Label: { Type: "Pass", Result: result, ResultPath: "$.label", End: true },
      },
    });

  it("runs a definition naming a project function, an update of it, and is gone once deleted", async () => {
    // Prepare
    const name = machineName("price");
    const roleArn = "arn:aws:iam::000000000000:role/any";
    const { stateMachineArn = "" } = await sfn.send(
      new CreateStateMachineCommand({ name, definition: definition("first"), roleArn }),
    );
    const order = demoOrder();

    // Act
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(order) }),
    );
    const firstRun = await finished(first.executionArn ?? "");
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition("second") }));
    const second = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "after-update", input: JSON.stringify(order) }),
    );
    const secondRun = await finished(second.executionArn ?? "");
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));

    // Assess
    expect(stateMachineArn).toBe(`arn:aws:states:eu-central-1:000000000000:stateMachine:${name}`);
    expect(JSON.parse(firstRun.output ?? "{}")).toEqual({
      total: { amount: 1250, currency: "EUR" },
      label: "first",
    });
    expect(JSON.parse(secondRun.output ?? "{}")).toMatchObject({ label: "second" });
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it("refuses a definition whose tasks are not this project's with InvalidDefinition, naming the state", async () => {
    // Prepare
    const foreign = JSON.stringify({
      StartAt: "Queue",
      States: { Queue: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } },
    });

    // Act
    const create = sfn.send(
      new CreateStateMachineCommand({
        name: machineName("sqs"),
        definition: foreign,
        roleArn: "arn:aws:iam::000000000000:role/any",
      }),
    );

    // Assess
    await expect(create).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(create).rejects.toThrow(
      /state Queue: the local runtime cannot run resource arn:aws:states:::sqs:sendMessage/,
    );
  });

  it("keeps the order workflow as packages/workflow builds it: no update or delete through the endpoint", async () => {
    // Act
    const update = sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: await orderMachineArn(),
        definition: definition("x"),
      }),
    );

    // Assess
    await expect(update).rejects.toBeInstanceOf(ValidationException);
    await expect(update).rejects.toThrow(/packages\/workflow/);
  });

  it("stops a running execution: ABORTED, with the error and cause in its history", async () => {
    // Prepare
    const wait = JSON.stringify({
      StartAt: "Hold",
      States: { Hold: { Type: "Wait", Seconds: 3600, End: true } },
    });
    const { stateMachineArn = "" } = await sfn.send(
      new CreateStateMachineCommand({
        name: machineName("hold"),
        definition: wait,
        roleArn: "arn:aws:iam::000000000000:role/any",
      }),
    );
    const { executionArn = "" } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));

    // Act
    await sfn.send(new StopExecutionCommand({ executionArn, error: "Operator.Stop", cause: "not needed" }));
    const described = await finished(executionArn);
    const events = await fullHistory(executionArn);

    // Assess
    expect(described.status).toBe("ABORTED");
    expect(events.at(-1)).toMatchObject({
      type: "ExecutionAborted",
      executionAbortedEventDetails: { error: "Operator.Stop", cause: "not needed" },
    });
  });

  it("answers a heartbeat for a token nobody issued with TaskDoesNotExist", async () => {
    // Act
    const heartbeat = sfn.send(new SendTaskHeartbeatCommand({ taskToken: "no-such-token" }));

    // Assess
    await expect(heartbeat).rejects.toBeInstanceOf(TaskDoesNotExist);
  });
});

describe("the local Step Functions endpoint, through the real AWS CLI v2", () => {
  it("runs an order to SUCCEEDED with start-execution --input file://order.json, visible in the console", async () => {
    // Prepare
    const cli = awsCliV2();
    const order = demoOrder();
    const file = join(mkdtempSync(join(tmpdir(), "orderflow-cli-")), "order.json");
    writeFileSync(file, JSON.stringify(order));
    const listed = await aws(cli, cloud.url, ["stepfunctions", "list-state-machines"]);
    const stateMachineArn = String(
      (listed.stateMachines as { stateMachineArn: string }[])[0]?.stateMachineArn,
    );

    // Act
    const started = await aws(cli, cloud.url, [
      "stepfunctions",
      "start-execution",
      "--state-machine-arn",
      stateMachineArn,
      "--name",
      order.orderId,
      "--input",
      `file://${file}`,
    ]);
    const executionArn = String(started.executionArn);
    // Followed with the SDK, which is cheap to poll with; the CLI then reads the ended execution once.
    await finished(executionArn);
    const described = await aws(cli, cloud.url, [
      "stepfunctions",
      "describe-execution",
      "--execution-arn",
      executionArn,
    ]);
    const inConsole = await (await fetch(`${cloud.url}/console/api/executions`)).json();

    // Assess
    expect(described).toMatchObject({ status: "SUCCEEDED", name: order.orderId, stateMachineArn });
    expect(inConsole).toContainEqual(
      expect.objectContaining({ executionArn, status: "SUCCEEDED", orderStatus: "COMPLETED" }),
    );
  });
});
