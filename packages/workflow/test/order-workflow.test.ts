import { BUSINESS_ERRORS, EVENT_SOURCE, type TaskManifest } from "@orderflow/domain";
import { containerTask } from "@orderflow/task-create-shipment/task";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  type ContainerRefs,
  orderWorkflow,
  STATE_NAMES,
  sampleRefs,
  taskTimeoutSeconds,
  WORKFLOW_TASKS,
  type WorkflowRefs,
} from "../src";
import {
  type AslDefinition,
  ECS_TRANSIENT_ERRORS,
  happyPath,
  LAMBDA_TRANSIENT_ERRORS,
  RESOURCES,
  type TaskState,
  worstCaseSeconds,
} from "../src/asl";
import { containerTasks, definitions, lambdaTasks } from "./support";

const taskOf = (definition: AslDefinition, name: string) => definition.States[name] as TaskState;

describe("orderWorkflow", () => {
  it("has exactly the saga states plus the stuck-saga and recording failures", () => {
    // Act
    const definition = orderWorkflow(sampleRefs, lambdaTasks);

    // Assess
    expect(Object.keys(definition.States).sort()).toEqual(Object.values(STATE_NAMES).sort());
    expect(definition.StartAt).toBe("ValidateOrder");
    expect(definition.Comment).toMatch(/saga/);
  });

  it("takes 7 state transitions on the happy path (goal: ≤ 9)", () => {
    const path = happyPath(orderWorkflow(sampleRefs, lambdaTasks));
    expect(path).toEqual([
      "ValidateOrder",
      "ReserveInventory",
      "ChargePayment",
      "CreateShipment",
      "MarkCompleted",
      "PublishCompleted",
      "Done",
    ]);
    expect(path.length).toBeLessThanOrEqual(9);
  });

  it.each(definitions())("is a valid state machine for asl-validator ($name tasks)", ({ definition }) => {
    // structuredClone: asl-validator writes defaults (QueryLanguage) into the object it checks
    const { isValid, errorsText } = aslValidator(structuredClone(definition) as never, {
      checkArn: true,
      checkPaths: true,
    });
    expect(isValid, errorsText("\n")).toBe(true);
  });

  it("is a pure function of its references", () => {
    expect(orderWorkflow(sampleRefs)).toEqual(orderWorkflow(structuredClone(sampleRefs)));
    const elsewhere = { ...sampleRefs, eventBusName: "other-bus" };
    expect(JSON.stringify(orderWorkflow(elsewhere))).toContain('"EventBusName":"other-bus"');
  });

  it("sets every task's timeout strictly above its manifest's and the execution timeout above the worst case", () => {
    for (const { definition, tasks } of definitions()) {
      for (const manifest of tasks) {
        const timeout = taskOf(definition, manifest.stateName).TimeoutSeconds ?? 0;
        expect(timeout).toBe(taskTimeoutSeconds(manifest));
        expect(timeout).toBeGreaterThan(manifest.timeoutSeconds);
      }
      expect(definition.TimeoutSeconds).toBeGreaterThanOrEqual(worstCaseSeconds(definition));
    }
  });

  it("retries Lambda faults and the task's own transient errors, never a business error", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    for (const manifest of lambdaTasks) {
      const retried = (taskOf(definition, manifest.stateName).Retry ?? []).flatMap((r) => r.ErrorEquals);
      expect(retried).toEqual(
        expect.arrayContaining([...LAMBDA_TRANSIENT_ERRORS, ...manifest.retryableErrors]),
      );
      for (const error of BUSINESS_ERRORS) expect(retried).not.toContain(error);
    }
  });

  it("routes each business error and each unexpected error as the saga needs", () => {
    // Prepare
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const routes = (name: string) =>
      (taskOf(definition, name).Catch ?? []).map((c) => [c.ErrorEquals.join(","), c.Next, c.ResultPath]);

    // Assess
    expect(routes("ValidateOrder")).toEqual([
      ["ValidationError", "MarkRejected", "$.error"],
      ["States.ALL", "MarkFailed", "$.error"],
    ]);
    expect(routes("ReserveInventory")).toEqual([
      ["OutOfStock", "MarkRejected", "$.error"],
      ["States.ALL", "ReleaseInventory", "$.error"],
    ]);
    expect(routes("ChargePayment")).toEqual([
      ["PaymentDeclined", "ReleaseInventory", "$.error"],
      ["States.ALL", "RefundPayment", "$.error"],
    ]);
    expect(routes("CreateShipment")).toEqual([
      ["ShipmentFailed", "RefundPayment", "$.error"],
      ["States.ALL", "RefundPayment", "$.error"],
    ]);
    expect(taskOf(definition, "RefundPayment").Next).toBe("ReleaseInventory");
    expect(taskOf(definition, "ReleaseInventory").Next).toBe("MarkFailed");
    for (const compensation of ["RefundPayment", "ReleaseInventory"]) {
      expect(routes(compensation)).toEqual([["States.ALL", "MarkCompensationFailed", "$.compensationError"]]);
    }
  });

  it("passes each Lambda task exactly its input contract plus the execution id", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const payload = (name: string) => taskOf(definition, name).Parameters?.Payload;
    expect(taskOf(definition, "ValidateOrder").Parameters).toMatchObject({ "Payload.$": "$" });
    expect(taskOf(definition, "ValidateOrder").OutputPath).toBe("$.Payload");
    expect(payload("ReserveInventory")).toEqual({
      "orderId.$": "$.orderId",
      "items.$": "$.items",
      "executionId.$": "$$.Execution.Id",
    });
    expect(payload("ChargePayment")).toEqual({
      "orderId.$": "$.orderId",
      "customerId.$": "$.customer.id",
      "amount.$": "$.total",
      "paymentToken.$": "$.payment.token",
      "executionId.$": "$$.Execution.Id",
    });
    expect(payload("CreateShipment")).toEqual({
      "orderId.$": "$.orderId",
      "shippingAddress.$": "$.shippingAddress",
      "items.$": "$.items",
      "executionId.$": "$$.Execution.Id",
    });
    expect(payload("ReleaseInventory")).toEqual({
      "orderId.$": "$.orderId",
      "executionId.$": "$$.Execution.Id",
    });
    expect(taskOf(definition, "ReserveInventory").ResultPath).toBe("$.reservation");
    expect(taskOf(definition, "ChargePayment").ResultPath).toBe("$.charge");
    expect(taskOf(definition, "CreateShipment").ResultSelector).toMatchObject({
      "trackingNumber.$": "$.Payload.trackingNumber",
    });
  });

  it("writes terminal statuses with a condition that only moves a PENDING or missing order", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const expected = { MarkCompleted: "COMPLETED", MarkRejected: "REJECTED", MarkFailed: "FAILED" };
    for (const [name, status] of Object.entries(expected)) {
      const state = taskOf(definition, name);
      expect(state.Resource).toBe(RESOURCES.dynamoUpdateItem);
      expect(state.Parameters).toMatchObject({
        TableName: sampleRefs.tableNames.orders,
        ConditionExpression: "attribute_not_exists(#orderId) OR #status IN (:pending, :status)",
        ExpressionAttributeValues: {
          ":status": { S: status },
          ":pending": { S: "PENDING" },
          ":now": { "S.$": "$$.State.EnteredTime" },
        },
      });
    }
    expect(taskOf(definition, "MarkFailed").Parameters?.ExpressionAttributeValues).toMatchObject({
      ":error": { "S.$": "$.error.Error" },
      ":cause": { "S.$": "$.error.Cause" },
    });
    expect(taskOf(definition, "MarkCompensationFailed").Parameters?.ExpressionAttributeValues).toMatchObject({
      ":compensationError": { "S.$": "$.compensationError.Error" },
    });
  });

  it("publishes the domain events to the bus with the domain's source", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const entry = (name: string) =>
      (taskOf(definition, name).Parameters as { Entries: unknown[] }).Entries[0];
    expect(entry("PublishCompleted")).toEqual({
      EventBusName: sampleRefs.eventBusName,
      Source: EVENT_SOURCE,
      DetailType: "OrderCompleted",
      Detail: {
        "orderId.$": "$.orderId",
        "total.$": "$.total",
        "trackingNumber.$": "$.shipment.trackingNumber",
      },
    });
    for (const [name, type] of [
      ["PublishFailed", "OrderFailed"],
      ["PublishRejected", "OrderRejected"],
    ] as const) {
      expect(entry(name)).toMatchObject({
        DetailType: type,
        Detail: { "orderId.$": "$.orderId", "error.$": "$.error.Error", "cause.$": "$.error.Cause" },
      });
    }
  });

  it("keeps the cause in every Fail state", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    expect(definition.States.Failed).toEqual({
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause",
    });
    expect(definition.States.Rejected).toEqual({
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause",
    });
    expect(definition.States.CompensationFailed).toMatchObject({
      Error: "CompensationFailed",
      CausePath: "$.compensationError.Cause",
    });
  });
});

describe("orderWorkflow with CreateShipment as a container", () => {
  it("runs it as an ECS task with a token, heartbeat, ECS retries and the same compensation", () => {
    // Act
    const definition = orderWorkflow(sampleRefs, containerTasks);
    const state = taskOf(definition, "CreateShipment");
    const container = sampleRefs.containers?.CreateShipment as ContainerRefs;

    // Assess
    expect(state.Resource).toBe("arn:aws:states:::ecs:runTask.waitForTaskToken");
    expect(state.HeartbeatSeconds).toBe(180);
    expect(state.Parameters).toMatchObject({
      Cluster: container.clusterArn,
      TaskDefinition: container.taskDefinitionArn,
      LaunchType: "FARGATE",
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: container.subnetIds,
          SecurityGroups: container.securityGroupIds,
          AssignPublicIp: "DISABLED",
        },
      },
    });
    type Overrides = { ContainerOverrides: [{ Name: string; Environment: unknown[] }] };
    const [override] = (state.Parameters as { Overrides: Overrides }).Overrides.ContainerOverrides;
    expect(override.Name).toBe(container.containerName);
    expect(override.Environment).toEqual([
      { Name: "TASK_TOKEN", "Value.$": "$$.Task.Token" },
      {
        Name: "TASK_INPUT",
        "Value.$": expect.stringMatching(/^States\.Format\(.*States\.JsonToString\(\$\.shippingAddress\)/),
      },
    ]);
    expect(JSON.stringify(override.Environment)).not.toMatch(/payment|customer/);
    expect(state.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining([...ECS_TRANSIENT_ERRORS]));
    expect(state.Retry?.flatMap((r) => r.ErrorEquals)).not.toContain("States.TaskFailed");
    expect(state.Catch).toEqual(taskOf(orderWorkflow(sampleRefs, lambdaTasks), "CreateShipment").Catch);
    expect(state.ResultSelector).toMatchObject({ "trackingNumber.$": "$.trackingNumber" });
  });

  it("refuses to build without the container's references, naming the state", () => {
    // Prepare
    const { CreateShipment: _, ...others } = sampleRefs.containers ?? {};
    const { containers: __, ...withoutContainers } = sampleRefs;

    // Act
    const build = (refs: WorkflowRefs) => () => orderWorkflow(refs, containerTasks);

    // Assess
    expect(build({ ...sampleRefs, containers: others })).toThrow(
      /CreateShipment runs as a container .* refs.containers has no entry for it; add refs.containers.CreateShipment/,
    );
    expect(build(withoutContainers)).toThrow(/refs.containers has no entry for it/);
  });

  it("runs two container tasks each on its own cluster, task definition and container", () => {
    // Prepare
    const tasks = containerTasks.map((t) =>
      t.stateName === "ReserveInventory" ? { ...containerTask, name: t.name, stateName: t.stateName } : t,
    );

    // Act
    const definition = orderWorkflow(sampleRefs, tasks);

    // Assess
    for (const stateName of ["ReserveInventory", "CreateShipment"]) {
      const refs = sampleRefs.containers?.[stateName] as ContainerRefs;
      const state = taskOf(definition, stateName);
      type Overrides = { ContainerOverrides: [{ Name: string }] };
      expect(state.Resource).toBe("arn:aws:states:::ecs:runTask.waitForTaskToken");
      expect(state.Parameters).toMatchObject({
        Cluster: refs.clusterArn,
        TaskDefinition: refs.taskDefinitionArn,
      });
      const [override] = (state.Parameters as { Overrides: Overrides }).Overrides.ContainerOverrides;
      expect(override.Name).toBe(refs.containerName);
    }
    expect(sampleRefs.containers?.ReserveInventory?.taskDefinitionArn).not.toBe(
      sampleRefs.containers?.CreateShipment?.taskDefinitionArn,
    );
  });

  it("refuses to build without a Lambda task's ARN or a manifest, naming it", () => {
    const { ChargePayment: _, ...arns } = sampleRefs.functionArns;
    expect(() => orderWorkflow({ ...sampleRefs, functionArns: arns })).toThrow(
      /functionArns has no entry for the Lambda task ChargePayment/,
    );
    const fewer: TaskManifest[] = WORKFLOW_TASKS.filter((t) => t.stateName !== "RefundPayment");
    expect(() => orderWorkflow(sampleRefs, fewer)).toThrow(/needs task manifests for RefundPayment/);
  });
});
