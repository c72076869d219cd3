import { apiFunction } from "@orderflow/api/function";
import {
  type ContainerTaskManifest,
  defineFunction,
  TABLE_NAMES,
  type TaskManifest,
} from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { deployTask } from "../src/components/deploy-task";
import { TaskFunction, type TaskFunctionArgs } from "../src/components/task-function";
import { installMocks, type RecordingMocks } from "../src/synth/mocks";

const ACCOUNT = "123456789012";
const tables = Object.fromEntries(
  TABLE_NAMES.map((t) => [
    t,
    { name: `orderflow-t-${t}`, arn: `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orderflow-t-${t}` },
  ]),
);

function settings(name: string): Omit<TaskFunctionArgs, "manifest"> {
  return {
    functionName: `orderflow-t-${name}`,
    code: new pulumi.asset.FileArchive("/nonexistent/dist"),
    tables,
    reservedConcurrency: 1,
    logRetentionDays: 7,
  };
}

describe("components", () => {
  let mocks: RecordingMocks;

  beforeAll(async () => {
    mocks = await installMocks({ accountId: ACCOUNT, region: "eu-central-1" }, "orderflow", "components");
  });

  it("makes the mocks fail on a provider call or resource type they do not know", () => {
    expect(() => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow(
      "unexpected provider call aws:ec2/getVpc:getVpc",
    );
    expect(() =>
      mocks.newResource({ type: "aws:s3/bucket:Bucket", name: "stray", inputs: {}, custom: true }),
    ).toThrow("the mocks know no outputs for aws:s3/bucket:Bucket");
  });

  it("routes a container task away from the Lambda component with a message saying what is missing", () => {
    // Prepare
    const lambdaTask = WORKFLOW_TASKS.find((t) => t.stateName === "CreateShipment") as TaskManifest;
    const containerTask: ContainerTaskManifest = {
      ...lambdaTask,
      kind: "container",
      cpu: 256,
      heartbeatSeconds: 60,
    };
    const before = mocks.resources.length;

    // Act
    const deploy = () => deployTask(containerTask, settings("create-shipment"), {});

    // Assess
    expect(deploy).toThrow(
      'CreateShipment is declared kind "container"; container tasks need the Fargate component',
    );
    expect(mocks.resources.length).toBe(before);
  });

  it("refuses a function whose manifest variable has no value from anywhere", () => {
    expect(() => new TaskFunction("api-unwired", { ...settings("api"), manifest: apiFunction }, {})).toThrow(
      "function api needs environment variable STATE_MACHINE_ARN",
    );
  });

  it("refuses a value for a variable the manifest does not declare", () => {
    const manifest = defineFunction({
      name: "quiet",
      description: "x",
      memoryMb: 128,
      timeoutSeconds: 3,
      tables: {},
      env: {},
    });
    expect(
      () =>
        new TaskFunction("quiet", { ...settings("quiet"), manifest, environment: { DEBUG_TOKEN: "x" } }, {}),
    ).toThrow("function quiet does not declare environment variable DEBUG_TOKEN");
  });

  it("deploys a Lambda task as one TaskFunction whose children carry its name", async () => {
    // Prepare
    const manifest = WORKFLOW_TASKS.find((t) => t.stateName === "ValidateOrder") as TaskManifest;

    // Act
    const task = deployTask(manifest, settings(manifest.name), {});
    const versionArn = await new Promise(
      (done) => task.lambda?.versionArn && pulumi.output(task.lambda.versionArn).apply(done),
    );
    await pulumi.runtime.disconnect();

    // Assess
    expect(versionArn).toBe(`arn:aws:lambda:eu-central-1:${ACCOUNT}:function:orderflow-t-validate-order:1`);
    const children = mocks.resources.filter(
      (r) => r.parent === `orderflow:task:TaskFunction::${manifest.name}`,
    );
    expect(children.map((r) => r.name).sort()).toEqual([
      `${manifest.name}-function`,
      `${manifest.name}-logs`,
      `${manifest.name}-policy`,
      `${manifest.name}-role`,
    ]);
  });
});
