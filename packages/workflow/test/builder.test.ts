import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AslBuildError,
  catchAll,
  catchErrors,
  chain,
  choice,
  DEFAULT_RETRY,
  dynamoGetItem,
  dynamoUpdateItem,
  ecsRunTaskWithToken,
  fail,
  happyPath,
  LAMBDA_TRANSIENT_ERRORS,
  lambdaInvoke,
  pass,
  putEvents,
  RESOURCES,
  retry,
  type StateNode,
  stateMachine,
  structureProblems,
  succeed,
  task,
  worstCaseSeconds,
} from "../src/asl";

const work = (name: string) => task(name, { resource: RESOURCES.lambdaInvoke, timeoutSeconds: 5 });
const stateName = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,15}$/);

describe("retry and catch helpers", () => {
  it("default to the workflow policy: backoff ≥ 2, capped delay, full jitter", () => {
    // Prepare / Act
    const retrier = retry(LAMBDA_TRANSIENT_ERRORS);

    // Assess
    expect(retrier).toEqual({
      ErrorEquals: [...LAMBDA_TRANSIENT_ERRORS],
      IntervalSeconds: DEFAULT_RETRY.intervalSeconds,
      MaxAttempts: DEFAULT_RETRY.maxAttempts,
      BackoffRate: 2,
      MaxDelaySeconds: DEFAULT_RETRY.maxDelaySeconds,
      JitterStrategy: "FULL",
    });
  });

  it("refuses values the States Language forbids and States.ALL beside other errors", () => {
    expect(() => retry(["X"], { intervalSeconds: 0 })).toThrow(/intervalSeconds/);
    expect(() => retry(["X"], { backoffRate: 0.5 })).toThrow(/backoffRate/);
    expect(() => retry(["X"], { maxAttempts: -1 })).toThrow(/maxAttempts/);
    expect(() => retry([])).toThrow(/at least one error/);
    expect(() => catchErrors(["States.ALL", "X"], "Next")).toThrow(/must stand alone/);
  });

  it("keep the state on catch by default, adding the error under $.error", () => {
    expect(catchAll("Handle")).toEqual({
      ErrorEquals: ["States.ALL"],
      Next: "Handle",
      ResultPath: "$.error",
    });
  });

  it("reject a catch-all that is not the last catcher, naming the state", () => {
    const catchers = [catchAll("A"), catchErrors(["X"], "B")];
    expect(() => task("Risky", { resource: "r", timeoutSeconds: 1, catch: catchers })).toThrow(
      /state "Risky": Catch\[0\]: States.ALL must be the last entry/,
    );
  });
});

describe("stateMachine", () => {
  it("builds any chain of uniquely named tasks into a definition whose happy path is the chain", () => {
    fc.assert(
      fc.property(fc.uniqueArray(stateName, { minLength: 1, maxLength: 12 }), (names) => {
        // Prepare
        const nodes = [...names.map(work), succeed("Finished")].filter(
          (n, i, all) => all.findIndex((m) => m.name === n.name) === i,
        );

        // Act
        const definition = stateMachine({ startAt: nodes[0] as StateNode, states: chain(...nodes) });

        // Assess
        expect(happyPath(definition)).toEqual(nodes.map((n) => n.name));
      }),
    );
  });

  it("rejects a duplicate state name, naming it", () => {
    expect(() => stateMachine({ startAt: "A", states: [work("A"), work("A")] })).toThrow(
      /state "A": duplicate state name/,
    );
  });

  it("rejects a transition to a state that does not exist, naming the state", () => {
    fc.assert(
      fc.property(fc.uniqueArray(stateName, { minLength: 2, maxLength: 8 }), fc.nat(), (names, pick) => {
        // Prepare: a valid chain, then one state pointed at a name that is not there
        const nodes = chain(...names.map(work), succeed("End_"));
        const broken = nodes[pick % names.length] as StateNode;
        const dangling = { name: broken.name, state: { ...broken.state, Next: "Nowhere" } } as StateNode;
        const states = nodes.map((n) => (n.name === broken.name ? dangling : n));

        // Act / Assess
        expect(() => stateMachine({ startAt: names[0] as string, states })).toThrow(
          new RegExp(`state "${broken.name}": next target "Nowhere" is not a state`),
        );
      }),
    );
  });

  it("rejects a state nothing leads to, naming it", () => {
    const states = [...chain(work("Start"), succeed("Done")), fail("Orphan", { error: "E", cause: "c" })];
    expect(() => stateMachine({ startAt: "Start", states })).toThrow(/state "Orphan": is unreachable/);
  });

  it("rejects a state with no way on", () => {
    expect(() => stateMachine({ startAt: "Start", states: [work("Start")] })).toThrow(
      /state "Start": has neither Next nor End/,
    );
  });

  it("rejects every JSONata field and expression, naming the state", () => {
    const injections: Record<string, unknown>[] = [
      { QueryLanguage: "JSONata" },
      { Arguments: { a: 1 } },
      { Assign: { x: "$.y" } },
      { Output: { a: 1 } },
      { Parameters: { "value.$": "$.a", other: "{% $states.input.a %}" } },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...injections), stateName, (injection, name) => {
        // Prepare
        const [first, done] = chain(work(name === "Done" ? "Work" : name), succeed("Done")) as [
          StateNode,
          StateNode,
        ];
        const tainted = { name: first.name, state: { ...first.state, ...injection } } as StateNode;

        // Act / Assess
        expect(() => stateMachine({ startAt: first.name, states: [tainted, done] })).toThrow(
          new RegExp(`state "${first.name}": uses JSONata`),
        );
      }),
    );
  });

  it("finds a machine-level QueryLanguage JSONata, also inside a Parallel branch", () => {
    // Prepare
    const definition = stateMachine({ startAt: "A", states: [succeed("A")] });
    const tainted = { ...definition, QueryLanguage: "JSONata" };
    const nested = {
      name: "Outer",
      state: { Type: "Parallel", Branches: [tainted], End: true },
    } as StateNode;

    // Act / Assess
    expect(structureProblems(tainted)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/QueryLanguage/) }),
    ]);
    expect(() => stateMachine({ startAt: "Outer", states: [nested] })).toThrow(
      /state "Outer.Branches\[0\]": uses JSONata or variables \(QueryLanguage\)/,
    );
    expect(() => stateMachine({ startAt: "Outer", states: [nested] })).toThrow(AslBuildError);
  });

  it("chains only states that can continue", () => {
    expect(() => chain(succeed("Done"), work("After"))).toThrow(
      /state "Done": a Succeed state cannot be followed/,
    );
    expect(() => chain(task("A", { resource: "r", timeoutSeconds: 1, next: "B" }), work("C"))).toThrow(
      /state "A": already continues to "B"/,
    );
  });
});

describe("worstCaseSeconds", () => {
  it("adds up every attempt's timeout and every capped backoff along the longest path", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ timeout: fc.integer({ min: 1, max: 60 }), attempts: fc.integer({ min: 0, max: 5 }) }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (steps) => {
          // Prepare: a chain of tasks, each retrying with interval 1, backoff 2, delays capped at 3 s
          const nodes = steps.map(({ timeout, attempts }, i) =>
            task(`T${i}`, {
              resource: "r",
              timeoutSeconds: timeout,
              retry: [retry(["E"], { maxAttempts: attempts, maxDelaySeconds: 3 })],
            }),
          );
          const definition = stateMachine({ startAt: "T0", states: chain(...nodes, succeed("Done")) });

          // Act
          const worst = worstCaseSeconds(definition);

          // Assess
          const waits = (n: number) =>
            Array.from({ length: n }, (_, k) => Math.min(2 ** k, 3)).reduce((a, b) => a + b, 0);
          const expected = steps.reduce(
            (sum, s) => sum + (s.attempts + 1) * s.timeout + waits(s.attempts),
            0,
          );
          expect(worst).toBe(expected);
        },
      ),
    );
  });
});

describe("state builders", () => {
  it("unwrap the Lambda payload: replace the state, store chosen fields, or discard", () => {
    // Act
    const replace = lambdaInvoke("V", {
      functionArn: "f",
      payload: "$",
      result: { kind: "replace" },
      timeoutSeconds: 5,
    });
    const store = lambdaInvoke("R", {
      functionArn: "f",
      payload: { "id.$": "$.id" },
      result: { kind: "store", at: "$.r", fields: ["a", "b"] },
      timeoutSeconds: 5,
    });
    const discard = lambdaInvoke("D", {
      functionArn: "f",
      payload: "$",
      result: { kind: "discard" },
      timeoutSeconds: 5,
    });

    // Assess
    expect(replace.state).toMatchObject({
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "f", "Payload.$": "$" },
      OutputPath: "$.Payload",
    });
    expect(store.state).toMatchObject({
      Parameters: { FunctionName: "f", Payload: { "id.$": "$.id" } },
      ResultSelector: { "a.$": "$.Payload.a", "b.$": "$.Payload.b" },
      ResultPath: "$.r",
    });
    expect(discard.state.ResultPath).toBeNull();
  });

  it("build the DynamoDB, EventBridge and ECS integrations with their resources", () => {
    const update = dynamoUpdateItem("U", {
      tableName: "t",
      key: { id: { "S.$": "$.id" } },
      updateExpression: "SET #a = :a",
      conditionExpression: "attribute_exists(id)",
      names: { "#a": "a" },
      values: { ":a": { S: "x" } },
      timeoutSeconds: 5,
    });
    const publish = putEvents("P", {
      entries: [{ eventBusName: "bus", source: "s", detailType: "T", detail: { "id.$": "$.id" } }],
      timeoutSeconds: 5,
    });
    const run = ecsRunTaskWithToken("E", {
      clusterArn: "c",
      taskDefinitionArn: "td",
      subnetIds: ["sn"],
      securityGroupIds: ["sg"],
      containerName: "app",
      environment: { TOKEN: "$$.Task.Token" },
      heartbeatSeconds: 30,
      timeoutSeconds: 60,
    });

    expect(update.state).toMatchObject({
      Resource: RESOURCES.dynamoUpdateItem,
      Parameters: { TableName: "t", ConditionExpression: "attribute_exists(id)" },
      ResultPath: null,
    });
    expect(publish.state).toMatchObject({
      Resource: RESOURCES.putEvents,
      Parameters: { Entries: [{ EventBusName: "bus", Source: "s", DetailType: "T" }] },
    });
    expect(run.state).toMatchObject({
      Resource: RESOURCES.ecsRunTaskWithToken,
      HeartbeatSeconds: 30,
      Parameters: {
        LaunchType: "FARGATE",
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["sn"], AssignPublicIp: "DISABLED" } },
        Overrides: {
          ContainerOverrides: [{ Name: "app", Environment: [{ Name: "TOKEN", "Value.$": "$$.Task.Token" }] }],
        },
      },
    });
  });

  it("build a Choice with its rules in order and the Default it requires", () => {
    // Act
    const check = choice("Check", {
      comment: "c",
      choices: [
        { when: { Variable: "$.r.outcome", StringEquals: "SHIPPED" }, next: "Ship" },
        { when: { Variable: "$.note", IsPresent: true }, next: work("Note") },
      ],
      otherwise: "Undo",
    });

    // Assess
    expect(check).toEqual({
      name: "Check",
      state: {
        Type: "Choice",
        Comment: "c",
        Choices: [
          { Variable: "$.r.outcome", StringEquals: "SHIPPED", Next: "Ship" },
          { Variable: "$.note", IsPresent: true, Next: "Note" },
        ],
        Default: "Undo",
      },
    });
    expect(() => choice("Empty", { choices: [], otherwise: "Undo" })).toThrow(
      /state "Empty": a Choice needs at least one rule/,
    );
    expect(() => chain(check, work("After"))).toThrow(/state "Check": a Choice state cannot be followed/);
  });

  it("build a Pass state that adds a fixed value below the root, chained or ending", () => {
    // Act
    const note = pass("Note", { result: { Error: "E", Cause: "c" }, resultPath: "$.incomplete.Step" });
    const [chained] = chain(note, work("Next"));
    const last = pass("Last", { result: 1, resultPath: "$.n", end: true });

    // Assess
    expect(chained?.state).toEqual({
      Type: "Pass",
      Result: { Error: "E", Cause: "c" },
      ResultPath: "$.incomplete.Step",
      Next: "Next",
    });
    expect(last.state).toMatchObject({ End: true });
    expect(() => pass("Both", { result: 1, resultPath: "$.n", next: "X", end: true })).toThrow(
      /state "Both": has both next and end/,
    );
  });

  it("build a strongly consistent DynamoDB read that keeps only the selected fields", () => {
    // Act
    const read = dynamoGetItem("Read", {
      tableName: "shipments",
      key: { orderId: { "S.$": "$.orderId" } },
      resultSelector: { "trackingNumber.$": "$.Item.trackingNumber.S" },
      resultPath: "$.shipment",
      timeoutSeconds: 10,
      catch: [catchAll("Handle", "$.incomplete.Read")],
      next: "After",
    });

    // Assess
    expect(read.state).toEqual({
      Type: "Task",
      Resource: RESOURCES.dynamoGetItem,
      Parameters: { TableName: "shipments", Key: { orderId: { "S.$": "$.orderId" } }, ConsistentRead: true },
      ResultSelector: { "trackingNumber.$": "$.Item.trackingNumber.S" },
      ResultPath: "$.shipment",
      TimeoutSeconds: 10,
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handle", ResultPath: "$.incomplete.Read" }],
      Next: "After",
    });
  });

  it("refuse an ECS task-token state that never hands out the token, or a heartbeat above the timeout", () => {
    const base = {
      clusterArn: "c",
      taskDefinitionArn: "td",
      subnetIds: ["sn"],
      securityGroupIds: [],
      containerName: "app",
      timeoutSeconds: 60,
    };
    expect(() => ecsRunTaskWithToken("E", { ...base, environment: {}, heartbeatSeconds: 30 })).toThrow(
      /state "E": no environment variable carries the task token/,
    );
    expect(() =>
      ecsRunTaskWithToken("E", { ...base, environment: { T: "$$.Task.Token" }, heartbeatSeconds: 60 }),
    ).toThrow(/state "E": heartbeatSeconds must be smaller/);
  });
});
