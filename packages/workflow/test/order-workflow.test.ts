import {
  BUSINESS_ERRORS,
  EVENT_DETAIL_ATTRIBUTES,
  EVENT_OF_STATUS,
  MAX_LINE_ITEMS,
  MAX_QUANTITY,
  type Order,
  type TaskManifest,
} from "@orderflow/domain";
import { containerTask } from "@orderflow/task-create-shipment/task";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  COMPENSATION_ORDER,
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
  DYNAMODB_TRANSIENT_ERRORS,
  ECS_TRANSIENT_ERRORS,
  happyPath,
  LAMBDA_TRANSIENT_ERRORS,
  RESOURCES,
  type TaskState,
  worstCaseSeconds,
} from "../src/asl";
import order from "./fixtures/order.json" with { type: "json" };
import { containerOverridesOf, runOrder } from "./local-engine";
import { containerTasks, definitions, lambdaTasks } from "./support";

const taskOf = (definition: AslDefinition, name: string) => definition.States[name] as TaskState;
const STATUS_WRITES = {
  MarkCompleted: "COMPLETED",
  MarkRejected: "REJECTED",
  MarkFailed: "FAILED",
  MarkNeedsAttention: "NEEDS_ATTENTION",
} as const;

describe("orderWorkflow", () => {
  it("has exactly the saga states: no Succeed state, no state that publishes", () => {
    // Act
    const definition = orderWorkflow(sampleRefs, lambdaTasks);

    // Assess
    expect(Object.keys(definition.States).sort()).toEqual(Object.values(STATE_NAMES).sort());
    expect(definition.StartAt).toBe("ValidateOrder");
    expect(definition.Comment).toMatch(/saga/);
    const types = Object.values(definition.States).map((s) => s.Type);
    expect(types).not.toContain("Succeed");
    expect(JSON.stringify(definition)).not.toContain(RESOURCES.putEvents);
  });

  it("takes 5 state transitions on the happy path, ending at the completion's status write", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    expect(happyPath(definition)).toEqual([
      "ValidateOrder",
      "ReserveInventory",
      "ChargePayment",
      "CreateShipment",
      "MarkCompleted",
    ]);
    expect(taskOf(definition, "MarkCompleted").End).toBe(true);
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
    const elsewhere = { ...sampleRefs, tableNames: { ...sampleRefs.tableNames, orders: "other-orders" } };
    expect(JSON.stringify(orderWorkflow(elsewhere))).toContain('"TableName":"other-orders"');
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

  it("retries DynamoDB's transient errors and a timeout on every status write and on the shipment read", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    for (const name of [...Object.keys(STATUS_WRITES), "GetShipment"]) {
      expect(taskOf(definition, name).Retry?.map((r) => r.ErrorEquals)).toEqual([
        [...DYNAMODB_TRANSIENT_ERRORS, "States.Timeout"],
      ]);
    }
  });

  it("routes every error of every task as the saga needs, compensations noting theirs apart", () => {
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
      ["States.ALL", "ReleaseInventory", "$.error"],
    ]);
    expect(routes("CreateShipment")).toEqual([
      ["ShipmentFailed", "ReleaseInventory", "$.error"],
      ["States.ALL", "ReleaseInventory", "$.error"],
    ]);
    expect(routes("ReleaseInventory")).toEqual([
      ["States.ALL", "SafeToRefund", "$.incomplete.ReleaseInventory"],
    ]);
    expect(routes("RefundPayment")).toEqual([
      ["States.ALL", "MarkNeedsAttention", "$.incomplete.RefundPayment"],
    ]);
    expect(routes("GetShipment")).toEqual([
      ["States.ALL", "MarkNeedsAttention", "$.incomplete.CreateShipment"],
    ]);
    for (const write of Object.keys(STATUS_WRITES)) {
      expect(routes(write)).toEqual([["States.ALL", "RecordingFailed", "$.recordingError"]]);
    }
  });

  it("decides after the fence: shipped after all, hand-over unfinished, safe to refund, anything left", () => {
    // Prepare
    const { States: states } = orderWorkflow(sampleRefs, lambdaTasks);

    // Assess
    expect(taskOf({ StartAt: "", States: states }, "ReleaseInventory").Next).toBe("CheckShipped");
    expect(states.CheckShipped).toMatchObject({
      Choices: [
        { Variable: "$.release.outcome", StringEquals: "ALREADY_SHIPPED", Next: "GetShipment" },
        { Variable: "$.release.outcome", StringEquals: "HANDOVER_INCOMPLETE", Next: "HandOverByHand" },
      ],
      Default: "RefundPayment",
    });
    expect(states.SafeToRefund).toMatchObject({
      Choices: [{ Variable: "$.payment.chargeId", IsPresent: true, Next: "HoldRefund" }],
      Default: "RefundPayment",
    });
    expect(states.CheckCompensations).toMatchObject({
      Choices: [{ Variable: "$.incomplete", IsPresent: true, Next: "MarkNeedsAttention" }],
      Default: "MarkFailed",
    });
    expect(states.GetShipment).toMatchObject({
      Resource: RESOURCES.dynamoGetItem,
      Parameters: { TableName: sampleRefs.tableNames.shipments, Key: { orderId: { "S.$": "$.orderId" } } },
      ResultSelector: { "trackingNumber.$": "$.Item.trackingNumber.S" },
      ResultPath: "$.shipment",
      Next: "MarkCompleted",
    });
    expect(states.HandOverByHand).toMatchObject({
      ResultPath: "$.incomplete.CreateShipment",
      Next: "MarkNeedsAttention",
    });
    expect(states.HoldRefund).toMatchObject({
      ResultPath: "$.incomplete.RefundPayment",
      Next: "MarkNeedsAttention",
    });
    expect(taskOf({ StartAt: "", States: states }, "RefundPayment").Next).toBe("CheckCompensations");
  });

  it("passes each Lambda task exactly its input contract plus the execution id", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const payload = (name: string) => taskOf(definition, name).Parameters?.Payload;
    const ids = { "orderId.$": "$.orderId", "executionId.$": "$$.Execution.Id" };
    expect(taskOf(definition, "ValidateOrder").Parameters).toMatchObject({ "Payload.$": "$" });
    expect(taskOf(definition, "ValidateOrder").OutputPath).toBe("$.Payload");
    expect(payload("ReserveInventory")).toEqual({ ...ids, "items.$": "$.items" });
    expect(payload("ChargePayment")).toEqual({
      ...ids,
      "customerId.$": "$.customerId",
      "amount.$": "$.total",
      "paymentToken.$": "$.payment.token",
    });
    for (const name of ["CreateShipment", "ReleaseInventory", "RefundPayment"])
      expect(payload(name)).toEqual(ids);
    expect(taskOf(definition, "ReserveInventory").ResultPath).toBe("$.reservation");
    expect(taskOf(definition, "CreateShipment").ResultSelector).toMatchObject({
      "trackingNumber.$": "$.Payload.trackingNumber",
    });
  });

  it.each(definitions())(
    "lets no state but ChargePayment read the card token ($name tasks)",
    ({ definition }) => {
      // Assess: the charge's result replaces $.payment, keeping no token
      const charge = taskOf(definition, "ChargePayment");
      expect(charge.ResultPath).toBe("$.payment");
      expect(Object.keys(charge.ResultSelector ?? {}).sort()).toEqual(
        ["amount.$", "chargeId.$", "createdAt.$", "orderId.$", "status.$"].sort(),
      );
      const readers = Object.entries(definition.States)
        .filter(([, state]) => JSON.stringify(state).includes("$.payment.token"))
        .map(([name]) => name);
      expect(readers).toEqual(["ChargePayment"]);
    },
  );

  it("writes terminal statuses with a condition that only moves a PENDING or missing order", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    for (const [name, status] of Object.entries(STATUS_WRITES)) {
      const state = taskOf(definition, name);
      expect(state.Resource).toBe(RESOURCES.dynamoUpdateItem);
      expect(state.Parameters).toMatchObject({
        TableName: sampleRefs.tableNames.orders,
        Key: { orderId: { "S.$": "$.orderId" } },
        ConditionExpression: "attribute_not_exists(#orderId) OR #status IN (:pending, :status)",
        ExpressionAttributeValues: {
          ":status": { S: status },
          ":pending": { S: "PENDING" },
          ":now": { "S.$": "$$.State.EnteredTime" },
        },
      });
    }
  });

  it("makes each status write the outbox of its event: eventType and every detail attribute", () => {
    // Prepare
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const failure = { ":error": { "S.$": "$.error.Error" }, ":cause": { "S.$": "$.error.Cause" } };
    const detail = {
      MarkCompleted: {
        ":trackingNumber": { "S.$": "$.shipment.trackingNumber" },
        ":total": {
          M: {
            amount: { "N.$": "States.JsonToString($.total.amount)" },
            currency: { "S.$": "$.total.currency" },
          },
        },
      },
      MarkRejected: failure,
      MarkFailed: failure,
      MarkNeedsAttention: { ...failure, ":incomplete": { "S.$": "States.JsonToString($.incomplete)" } },
    };

    for (const [name, status] of Object.entries(STATUS_WRITES)) {
      // Act
      const parameters = taskOf(definition, name).Parameters as {
        UpdateExpression: string;
        ExpressionAttributeValues: Record<string, unknown>;
      };
      const event = EVENT_OF_STATUS[status];

      // Assess: every detail attribute but the key is SET from its value
      expect(parameters.ExpressionAttributeValues).toMatchObject({
        ":eventType": { S: event },
        ...detail[name as keyof typeof detail],
      });
      for (const attribute of ["status", "eventType", ...EVENT_DETAIL_ATTRIBUTES[event]]) {
        if (attribute === "orderId") continue;
        expect(parameters.UpdateExpression).toContain(`#${attribute} = :${attribute}`);
      }
    }
  });

  it("keeps the cause in every Fail state", () => {
    const definition = orderWorkflow(sampleRefs, lambdaTasks);
    const fromError = { Type: "Fail", ErrorPath: "$.error.Error", CausePath: "$.error.Cause" };
    expect(definition.States.Failed).toEqual(fromError);
    expect(definition.States.Rejected).toEqual(fromError);
    expect(definition.States.NeedsAttention).toMatchObject({
      Error: "NeedsAttention",
      CausePath: "$.error.Cause",
    });
    expect(definition.States.RecordingFailed).toMatchObject({
      Error: "RecordingFailed",
      CausePath: "$.recordingError.Cause",
    });
  });
});

/** The largest order the API accepts: every field at its maximum length, every line at its maximum. */
function maximalOrder(): Order {
  const text = (length: number) => "x".repeat(length);
  return {
    ...(order as Order),
    orderId: "o".repeat(64),
    customer: { id: "c".repeat(64), email: `${"e".repeat(64)}@${"d".repeat(180)}.example` },
    items: Array.from({ length: MAX_LINE_ITEMS }, (_, i) => ({
      sku: `S${String(i).padStart(3, "0")}`.padEnd(32, "X"),
      quantity: MAX_QUANTITY,
    })),
    shippingAddress: {
      name: text(100),
      line1: text(200),
      line2: text(200),
      city: text(100),
      region: text(100),
      postalCode: "1".repeat(16),
      country: "DE",
    },
    payment: { token: "t".repeat(128) },
  };
}

describe("orderWorkflow with CreateShipment as a container", () => {
  it("runs it as an ECS task with a token, heartbeat, ECS retries and the same catchers", () => {
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
    expect(state.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining([...ECS_TRANSIENT_ERRORS]));
    expect(state.Retry?.flatMap((r) => r.ErrorEquals)).not.toContain("States.TaskFailed");
    expect(state.Catch).toEqual(taskOf(orderWorkflow(sampleRefs, lambdaTasks), "CreateShipment").Catch);
    expect(state.ResultSelector).toMatchObject({ "trackingNumber.$": "$.trackingNumber" });
  });

  it("overrides the container's environment with the token and the ids only", () => {
    // Act
    const state = taskOf(orderWorkflow(sampleRefs, containerTasks), "CreateShipment");

    // Assess
    type Overrides = { ContainerOverrides: [{ Name: string; Environment: Record<string, string>[] }] };
    const [override] = (state.Parameters as { Overrides: Overrides }).Overrides.ContainerOverrides;
    expect(override.Name).toBe(sampleRefs.containers?.CreateShipment?.containerName);
    expect(override.Environment).toEqual([
      { Name: "TASK_TOKEN", "Value.$": "$$.Task.Token" },
      {
        Name: "TASK_INPUT",
        "Value.$":
          'States.Format(\'\\{"orderId":{},"executionId":{}\\}\', States.JsonToString($.orderId), States.JsonToString($$.Execution.Id))',
      },
    ]);
  });

  it("stays far under ECS's 8,192 characters of overrides for the largest order", async () => {
    // Prepare: the longest execution ARN (80-character machine and execution names) and task token
    const executionId = `arn:aws-us-gov:states:us-gov-west-1:123456789012:execution:${"m".repeat(80)}:${"o".repeat(80)}`;
    const taskToken = "T".repeat(2048);

    // Act
    const run = await runOrder(
      orderWorkflow(sampleRefs, containerTasks),
      maximalOrder(),
      {},
      { executionId, taskToken },
    );

    // Assess
    expect(run.contractProblems).toEqual([]);
    const overrides = containerOverridesOf(run, "CreateShipment");
    expect(JSON.stringify(overrides).length).toBeLessThan(8192 / 2);
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

describe("COMPENSATION_ORDER", () => {
  it("names exactly the tasks whose manifests compensate a step, the release (the fence) first", () => {
    // Prepare
    const compensations = WORKFLOW_TASKS.filter((t) => t.compensates !== undefined).map((t) => t.stateName);
    // Assess
    expect([...COMPENSATION_ORDER].sort()).toEqual([...compensations].sort());
    expect(COMPENSATION_ORDER[0]).toBe("ReleaseInventory");
  });
});
