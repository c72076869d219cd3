import { apiFunction } from "@orderflow/api/function";
import { defineFunction, TABLE_NAMES, type TaskManifest } from "@orderflow/domain";
import { WORKFLOW_TASKS } from "@orderflow/workflow";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContainerTaskArgs } from "../src/components/container-task";
import { deployTask, type TaskSettings } from "../src/components/deploy-task";
import { TaskFunction, type TaskFunctionArgs } from "../src/components/task-function";
import { installMocks, type RecordingMocks } from "../src/synth/mocks";
import { containerShipment } from "./container-variant";

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

function containerSettings(name: string): Omit<ContainerTaskArgs, "manifest"> {
  return {
    family: `orderflow-t-${name}`,
    image: { context: "/nonexistent", dockerfile: "/nonexistent/Dockerfile", tag: "t" },
    tables,
    logRetentionDays: 7,
    network: {},
    target: { region: "eu-central-1", accountId: ACCOUNT, partition: "aws" },
  };
}

/** Settings for either kind, recording which one the router asked for. */
function bothKinds(name: string, asked: string[]): TaskSettings {
  return {
    lambda: () => {
      asked.push("lambda");
      return settings(name);
    },
    container: () => {
      asked.push("container");
      return containerSettings(name);
    },
  };
}

function resolve<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return new Promise((done) => pulumi.output(value).apply(done));
}

describe("components", () => {
  let mocks: RecordingMocks;

  beforeAll(async () => {
    mocks = await installMocks({ accountId: ACCOUNT, region: "eu-central-1" }, "orderflow", "components");
  });

  it("makes the mocks fail on a provider call, resource type or remote component they do not know", () => {
    expect(() => mocks.call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow(
      "unexpected provider call aws:ec2/getVpc:getVpc",
    );
    expect(() =>
      mocks.newResource({ type: "aws:s3/bucket:Bucket", name: "stray", inputs: {}, custom: true }),
    ).toThrow("the mocks know no outputs for aws:s3/bucket:Bucket");
    expect(() =>
      mocks.newResource({
        type: "awsx:lb:ApplicationLoadBalancer",
        name: "stray",
        inputs: {},
        custom: false,
      }),
    ).toThrow("the mocks know no outputs for the remote component awsx:lb:ApplicationLoadBalancer");
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

  it("refuses a container size Fargate does not offer, before declaring anything", () => {
    // Prepare
    const before = mocks.resources.length;
    const tooSmall = { ...containerShipment, memoryMb: 1536 };
    const oddCpu = { ...containerShipment, cpu: 300 };

    // Act
    const deploy = (manifest: TaskManifest) => () => deployTask(manifest, bothKinds(manifest.name, []), {});

    // Assess
    expect(deploy(tooSmall)).toThrow(
      "container task create-shipment: memory 1536 MiB does not fit cpu 256; Fargate allows 512, 1024, 2048 MiB",
    );
    expect(deploy(oddCpu)).toThrow("cpu 300 is not a Fargate size; use one of 256, 512, 1024");
    expect(mocks.resources.length).toBe(before);
  });

  it("refuses a container manifest that declares the variables the workflow sets per execution", () => {
    const manifest = {
      ...containerShipment,
      name: "greedy",
      env: { TASK_TOKEN: { description: "x", default: "y" } },
    };
    expect(() => deployTask(manifest, bothKinds("greedy", []), {})).toThrow(
      "container task greedy declares TASK_TOKEN, which the workflow sets per execution",
    );
  });

  it("deploys a Lambda task as one TaskFunction whose children carry its name, asking only for Lambda settings", async () => {
    // Prepare
    const manifest = WORKFLOW_TASKS.find((t) => t.stateName === "ValidateOrder") as TaskManifest;
    const asked: string[] = [];

    // Act
    const task = deployTask(manifest, bothKinds(manifest.name, asked), {});
    const versionArn = await resolve(task.lambda?.versionArn ?? "");

    // Assess
    expect(asked).toEqual(["lambda"]);
    expect(task.container).toBeUndefined();
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

  it("puts a container task in the configured subnets of their VPC, with the config's env and no public IP", async () => {
    // Prepare
    const manifest = { ...containerShipment, name: "ship-private" };
    const network = {
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"],
      assignPublicIp: false,
    };

    // Act
    const task = deployTask(
      manifest,
      {
        ...bothKinds(manifest.name, []),
        container: () => ({ ...containerSettings(manifest.name), network, environment: { CARRIER: "UPS" } }),
      },
      {},
    );
    const subnets = await resolve(task.container?.subnetIds ?? []);
    await pulumi.runtime.disconnect();

    // Assess
    expect(subnets).toEqual(network.subnetIds);
    expect(task.container?.assignPublicIp).toBe(false);
    expect(mocks.calls).toContain("aws:ec2/getSubnet:getSubnet");
    const byName = (suffix: string) =>
      mocks.resources.find((r) => r.name === `${manifest.name}-${suffix}`) as {
        inputs: Record<string, unknown>;
      };
    expect(mocks.resources.some((r) => r.name === `${manifest.name}-vpc`)).toBe(false);
    expect(byName("security-group").inputs.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const container = byName("task-definition").inputs.container as {
      environment: { name: string; value: string }[];
    };
    expect(container.environment).toContainEqual({ name: "CARRIER", value: "UPS" });
    expect(container.environment).toContainEqual({
      name: "SUPPORTED_COUNTRIES",
      value: "DE,AT,NL,BE,FR,PT,ES,IT",
    });
  });

  it("deploys a container task as one ContainerTask whose children carry its name, asking only for container settings", async () => {
    // Prepare
    const asked: string[] = [];

    // Act
    const task = deployTask(containerShipment, bothKinds(containerShipment.name, asked), {});
    const [taskDefinitionArn, subnets, familyArn] = await Promise.all([
      resolve(task.container?.taskDefinitionArn ?? ""),
      resolve(task.container?.subnetIds ?? []),
      resolve(task.container?.taskDefinitionFamilyArn ?? ""),
    ]);
    await pulumi.runtime.disconnect();

    // Assess
    expect(asked).toEqual(["container"]);
    expect(task.lambda).toBeUndefined();
    expect(taskDefinitionArn).toBe(
      `arn:aws:ecs:eu-central-1:${ACCOUNT}:task-definition/orderflow-t-create-shipment:1`,
    );
    expect(familyArn).toBe(
      `arn:aws:ecs:eu-central-1:${ACCOUNT}:task-definition/orderflow-t-create-shipment:*`,
    );
    expect(subnets).toHaveLength(3);
    expect(task.container?.assignPublicIp).toBe(true);
    const children = mocks.resources.filter(
      (r) => r.parent === "orderflow:task:ContainerTask::create-shipment",
    );
    expect(children.map((r) => r.name).sort()).toEqual(
      [
        "cluster",
        "execution-policy",
        "execution-role",
        "image",
        "logs",
        "repository",
        "security-group",
        "task-definition",
        "task-policy",
        "task-role",
        "vpc",
      ].map((suffix) => `create-shipment-${suffix}`),
    );
  });
});
