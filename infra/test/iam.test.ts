import { defineFunction } from "@orderflow/domain";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { functionStatements } from "../src/components/function-statements";
import type { PolicyDocument, PolicyStatement } from "../src/iam/policy-document";
import {
  exceptionFor,
  LOG_DELIVERY_ACTIONS,
  wildcardFindings,
  XRAY_WRITE_ACTIONS,
} from "../src/iam/wildcards";
import { installMocks } from "../src/synth/mocks";

const ACCOUNT = "123456789012";
const ordersArn = `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orderflow-dev-orders`;
const logGroupArn = `arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:/aws/lambda/orderflow-dev-report`;

const allow = (Action: string[], Resource: string[]): PolicyStatement => ({
  Effect: "Allow",
  Action,
  Resource,
});
const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

function resolve<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return new Promise((done) => pulumi.output(value).apply(done));
}

describe("wildcard check", () => {
  it("accepts each documented exception only for its own actions and resource shape", () => {
    expect(wildcardFindings(doc(allow([...XRAY_WRITE_ACTIONS], ["*"])), "identity")).toEqual([]);
    expect(wildcardFindings(doc(allow([...LOG_DELIVERY_ACTIONS], ["*"])), "identity")).toEqual([]);
    expect(
      wildcardFindings(doc(allow(["logs:PutLogEvents"], [`${logGroupArn}:log-stream:*`])), "identity"),
    ).toEqual([]);
    const fnVersions = `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:orderflow-dev-charge-payment:*`;
    expect(wildcardFindings(doc(allow(["lambda:InvokeFunction"], [fnVersions])), "identity")).toEqual([]);

    expect(wildcardFindings(doc(allow(["dynamodb:GetItem"], ["*"])), "identity")).toHaveLength(1);
    expect(
      wildcardFindings(doc(allow(["xray:PutTraceSegments", "s3:GetObject"], ["*"])), "identity"),
    ).toHaveLength(1);
    expect(
      wildcardFindings(
        doc(allow(["logs:PutLogEvents"], [`arn:aws:logs:eu-central-1:${ACCOUNT}:log-group:*`])),
        "identity",
      ),
    ).toHaveLength(1);
    expect(
      wildcardFindings(
        doc(allow(["lambda:InvokeFunction"], [`arn:aws:lambda:eu-central-1:${ACCOUNT}:function:*`])),
        "identity",
      ),
    ).toHaveLength(1);
    expect(wildcardFindings(doc(allow(["kms:Decrypt"], ["*"])), "identity")).toHaveLength(1);
    expect(wildcardFindings(doc(allow(["kms:Decrypt"], ["*"])), "key-policy")).toEqual([]);
  });

  it("accepts the container exceptions only for their own actions and resource shape", () => {
    // Prepare
    const family = `arn:aws:ecs:eu-central-1:${ACCOUNT}:task-definition/orderflow-dev-create-shipment:*`;
    const machine = `arn:aws:states:eu-central-1:${ACCOUNT}:stateMachine:orderflow-dev-orders:*`;
    const tokenActions = ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"];
    const findings = (actions: string[], resource: string) =>
      wildcardFindings(doc(allow(actions, [resource])), "identity");

    // Assess
    expect(findings(["ecs:RunTask"], family)).toEqual([]);
    expect(findings(["ecr:GetAuthorizationToken"], "*")).toEqual([]);
    expect(findings(tokenActions, "*")).toEqual([]);
    expect(exceptionFor(["ecs:RunTask"], family, "identity")?.id).toBe("ecs-task-definition-revisions");
    expect(exceptionFor(tokenActions, "*", "identity")?.id).toBe("task-token-calls");

    expect(findings(["ecs:RunTask"], `arn:aws:ecs:eu-central-1:${ACCOUNT}:task-definition/*`)).toHaveLength(
      1,
    );
    expect(findings(["ecs:RunTask", "ecs:StopTask"], family)).toHaveLength(1);
    expect(findings(["ecr:BatchGetImage"], "*")).toHaveLength(1);
    expect(findings(tokenActions, `arn:aws:states:eu-central-1:${ACCOUNT}:stateMachine:*`)).toHaveLength(1);
    expect(findings([...tokenActions, "states:StartExecution"], "*")).toHaveLength(1);
    expect(findings(["states:StartExecution"], machine)).toHaveLength(1);
  });

  it("ignores Deny statements, which narrow access", () => {
    expect(wildcardFindings(doc({ Effect: "Deny", Action: ["sns:*"], Resource: ["*"] }), "identity")).toEqual(
      [],
    );
  });

  it("flags every action wildcard, whatever the resource", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("dynamodb", "lambda", "logs", "xray", "kms", "states"),
        fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/),
        fc.constantFrom("*", "", "Get"),
        fc.constantFrom("*", ordersArn),
        (service, action, suffix, resource) => {
          const wildcardAction = `${service}:${action.slice(0, 3)}*${suffix === "*" ? "" : suffix}`;
          const findings = wildcardFindings(doc(allow([wildcardAction], [resource])), "identity");
          expect(findings.some((f) => f.includes(`action ${wildcardAction}`))).toBe(true);
        },
      ),
    );
  });

  it("flags any wildcard resource no exception describes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("dynamodb:GetItem", "dynamodb:Query", "events:PutEvents", "states:StartExecution"),
        fc.stringMatching(/^[a-z0-9/:-]{0,30}$/),
        fc.stringMatching(/^[a-z0-9/:-]{0,30}$/),
        (action, before, after) => {
          const resource = `arn:aws:${before}*${after}`;
          expect(exceptionFor([action], resource, "identity")).toBeUndefined();
          expect(wildcardFindings(doc(allow([action], [resource])), "identity")).toHaveLength(1);
        },
      ),
    );
  });
});

describe("function permissions from a manifest", () => {
  beforeAll(async () => {
    await installMocks({ accountId: ACCOUNT, region: "eu-central-1" }, "orderflow", "iam-test");
  });

  it("grants Query on the table's indexes by exact ARN, and only when the manifest declares Query", async () => {
    // Prepare
    const reporting = defineFunction({
      name: "report",
      description: "Lists a customer's orders",
      memoryMb: 256,
      timeoutSeconds: 5,
      tables: { orders: ["Query", "GetItem"] },
      env: {},
    });
    const reading = { ...reporting, tables: { orders: ["GetItem"] as const } };
    const tables = { orders: { name: "orderflow-dev-orders", arn: ordersArn } };

    // Act
    const withQuery = await resolve(functionStatements(reporting, tables, logGroupArn));
    const withoutQuery = await resolve(functionStatements(reading, tables, logGroupArn));

    // Assess
    expect(withQuery).toContainEqual({
      Sid: "DynamoDbOrdersIndexes",
      Effect: "Allow",
      Action: ["dynamodb:Query"],
      Resource: [`${ordersArn}/index/byCustomer`, `${ordersArn}/index/byStatus`],
    });
    expect(withQuery).toContainEqual({
      Sid: "DynamoDbOrders",
      Effect: "Allow",
      Action: ["dynamodb:Query", "dynamodb:GetItem"],
      Resource: [ordersArn],
    });
    expect(withoutQuery.map((s) => s.Sid)).toEqual(["DynamoDbOrders", "WriteOwnLogs", "SendTraces"]);
    expect(wildcardFindings(doc(...(withQuery as PolicyStatement[])), "identity")).toEqual([]);
  });

  it("refuses a manifest table that is not deployed", () => {
    const manifest = defineFunction({
      name: "orphan",
      description: "x",
      memoryMb: 128,
      timeoutSeconds: 3,
      tables: { payments: ["GetItem"] },
      env: {},
    });
    expect(() => functionStatements(manifest, {}, logGroupArn)).toThrow(
      "function orphan declares table payments",
    );
  });
});
