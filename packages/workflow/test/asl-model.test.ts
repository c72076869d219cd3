import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AslDefinition,
  executionArnOf,
  formatArn,
  integrationOf,
  parseArn,
  parseExecutionArn,
  parseFunctionArn,
  parseResource,
  parseStateMachineArn,
  qualifiedName,
  readAslDefinition,
  taskDefinitionFamily,
  walkStates,
} from "../src/asl/model";

const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const account = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom("eu-central-1", "us-east-1", "cn-north-1");
const partition = fc.constantFrom("aws", "aws-cn", "aws-us-gov");

describe("parseArn", () => {
  it("reads back every part of an ARN it formats, colons in the resource included", () => {
    fc.assert(
      fc.property(partition, region, account, name, name, (p, r, a, type, id) => {
        // Prepare
        const arn = { partition: p, service: "lambda", region: r, account: a, resource: `${type}:${id}:3` };

        // Act / Assess
        expect(parseArn(formatArn(arn))).toEqual(arn);
      }),
    );
  });

  it.each(["orders", "arn:aws:states", "arn:aws:lambda:eu-west-1:123:function:f", "ARN:aws:s3:::bucket"])(
    "is undefined for %s",
    (text) => {
      expect(parseArn(text)).toBeUndefined();
    },
  );
});

describe("function and state machine ARNs", () => {
  it("split a function ARN into name, qualifier and the unqualified ARN", () => {
    fc.assert(
      fc.property(region, account, name, fc.option(fc.constantFrom("3", "live", "$LATEST")), (r, a, n, q) => {
        // Prepare
        const unqualified = `arn:aws:lambda:${r}:${a}:function:${n}`;

        // Act
        const parsed = parseFunctionArn(q === null ? unqualified : `${unqualified}:${q}`);

        // Assess
        expect(parsed).toMatchObject({ name: n, unqualified, ...(q !== null && { qualifier: q }) });
        expect(parsed?.qualifier).toBe(q ?? undefined);
      }),
    );
  });

  it("names an execution of the machine itself, whatever alias or version started it", () => {
    for (const qualifier of ["", ":live", ":7"]) {
      // Prepare
      const machine = parseStateMachineArn(
        `arn:aws:states:eu-west-1:123456789012:stateMachine:orders${qualifier}`,
      );

      // Act / Assess
      expect(machine && executionArnOf(machine, "ord_1")).toBe(
        "arn:aws:states:eu-west-1:123456789012:execution:orders:ord_1",
      );
    }
  });

  it("reads an execution ARN back into its state machine and execution name", () => {
    // Act
    const parsed = parseExecutionArn("arn:aws:states:eu-west-1:123456789012:execution:orders:ord_1");

    // Assess
    expect(parsed).toMatchObject({ name: "orders", qualifier: "ord_1" });
    expect(parseExecutionArn("arn:aws:states:eu-west-1:123456789012:execution:orders")).toBeUndefined();
    expect(
      parseExecutionArn("arn:aws:states:eu-west-1:123456789012:stateMachine:orders:ord_1"),
    ).toBeUndefined();
  });
});

describe("parseResource", () => {
  it.each([
    [
      "arn:aws:states:::lambda:invoke",
      { kind: "integration", service: "lambda", action: "invoke", pattern: "request-response" },
      "lambda",
    ],
    [
      "arn:aws:states:::dynamodb:getItem",
      { kind: "integration", service: "dynamodb", action: "getItem" },
      "dynamodb-read",
    ],
    [
      "arn:aws:states:::dynamodb:updateItem",
      { kind: "integration", service: "dynamodb", action: "updateItem" },
      "dynamodb-write",
    ],
    ["arn:aws:states:::events:putEvents", { kind: "integration", service: "events" }, "eventbridge"],
    [
      "arn:aws:states:::ecs:runTask.waitForTaskToken",
      { kind: "integration", service: "ecs", pattern: "waitForTaskToken" },
      "ecs",
    ],
    ["arn:aws:states:::ecs:runTask.sync", { kind: "integration", pattern: "sync" }, "ecs"],
    ["arn:aws:lambda:eu-west-1:123456789012:function:f", { kind: "function" }, "lambda"],
    ["arn:aws:states:eu-west-1:123456789012:activity:a", { kind: "other" }, "other"],
    ["not-an-arn", { kind: "other" }, "other"],
  ] as const)("reads %s", (resource, parsed, integration) => {
    expect(parseResource(resource)).toMatchObject(parsed);
    expect(integrationOf(resource)).toBe(integration);
  });
});

describe("taskDefinitionFamily", () => {
  it.each([
    ["arn:aws:ecs:eu-west-1:123456789012:task-definition/orderflow-dev-ship:3", "orderflow-dev-ship"],
    ["orderflow-dev-ship:3", "orderflow-dev-ship"],
    ["orderflow-dev-ship", "orderflow-dev-ship"],
  ])("of %s is %s", (taskDefinition, family) => {
    expect(taskDefinitionFamily(taskDefinition)).toBe(family);
  });
});

const nested: AslDefinition = {
  StartAt: "Fanout",
  States: {
    Fanout: {
      Type: "Parallel",
      Next: "Each",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Succeed" } } },
        { StartAt: "B", States: { B: { Type: "Succeed" } } },
      ],
    },
    Each: {
      Type: "Map",
      End: true,
      ItemProcessor: { StartAt: "C", States: { C: { Type: "Succeed" } } },
    },
  },
};

describe("walkStates", () => {
  it("visits every state once, each nested one after its parent and named by its scope", () => {
    expect(walkStates(nested).map(qualifiedName)).toEqual([
      "Fanout",
      "Fanout › branch 1 › A",
      "Fanout › branch 2 › B",
      "Each",
      "Each › ItemProcessor › C",
    ]);
  });
});

describe("readAslDefinition", () => {
  it("reads a definition from its JSON text as from its object", () => {
    expect(readAslDefinition(JSON.stringify(nested))).toEqual({ definition: nested });
    expect(readAslDefinition(nested)).toEqual({ definition: nested });
  });

  it.each([
    ["{", "is not JSON"],
    [{ StartAt: "A" }, "the definition has no States object"],
    [{ States: {} }, "the definition has no StartAt string"],
    [{ StartAt: "A", States: { A: { Next: "B" } } }, "States.A is not a state with a Type"],
    [
      { StartAt: "P", States: { P: { Type: "Parallel", Branches: [{ StartAt: "X" }] } } },
      "States.P.Branches[0]. has no States object",
    ],
  ])("names what is wrong with %j", (input, problem) => {
    expect(readAslDefinition(input)).toEqual({ problem });
  });
});
