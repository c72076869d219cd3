/** Preflight's checks of where container tasks run and what builds their image. */
import {
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import { beforeEach, describe, expect, it } from "vitest";
import { ENDPOINT_SERVICES } from "../src/commands/preflight/network";
import {
  aws,
  healthyAccount,
  PROD_SUBNETS,
  preflight,
  readyPrograms,
  routeDefaultThrough,
} from "./support/preflight-harness";

beforeEach(() => {
  healthyAccount();
});

const endpoints = (services: readonly string[]) => ({
  VpcEndpoints: services.map((s) => ({ ServiceName: `com.amazonaws.eu-central-1.${s}` })),
});

describe("check: network, without configured subnets (dev)", () => {
  it("passes with the default VPC and its subnets", async () => {
    const run = await preflight("dev");
    expect(run.row("network")).toMatch(/ok +default VPC vpc-0default with 3 public subnets$/);
  });

  it("fails an account without a default VPC with the command that creates one", async () => {
    // Prepare
    aws.ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [] });

    // Act
    const run = await preflight("dev");

    // Assess
    expect(run.row("network")).toMatch(/FAIL +no default VPC in eu-central-1$/);
    expect(run.fix("network")).toContain("aws ec2 create-default-vpc --region eu-central-1");
    expect(run.fix("network")).toContain(
      "pulumi config set --path 'orderflow:containerSubnetIds[0]' subnet-<id> -s dev",
    );
  });
});

describe("check: network, with the production subnets", () => {
  it("passes private subnets whose default route goes to a NAT gateway", async () => {
    const run = await preflight("prod");
    expect(run.row("network")).toMatch(/ok +2 private subnets in vpc-0private, egress through NAT$/);
  });

  it("passes private subnets without NAT when the VPC has an endpoint for every service a task calls", async () => {
    // Prepare
    routeDefaultThrough(undefined);
    aws.ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(ENDPOINT_SERVICES));

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("network")).toContain(
      "ok      2 private subnets in vpc-0private, VPC endpoints for ecr.api",
    );
  });

  it("fails private subnets without NAT that lack endpoints, naming the missing ones", async () => {
    // Prepare
    routeDefaultThrough(undefined);
    aws.ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(["s3", "dynamodb", "ecr.api"]));

    // Act
    const run = await preflight("prod");

    // Assess
    expect(run.row("network")).toMatch(
      /FAIL +no NAT route and no VPC endpoint for ecr\.dkr, logs, states in vpc-0private$/,
    );
    expect(run.fix("network")).toContain(
      "com.amazonaws.eu-central-1.ecr.dkr, com.amazonaws.eu-central-1.logs",
    );
  });

  it("fails public subnets in production", async () => {
    routeDefaultThrough({ GatewayId: "igw-0a1b2c3d" });
    const run = await preflight("prod");
    expect(run.row("network")).toMatch(new RegExp(`FAIL +public subnet ${PROD_SUBNETS.join(", ")}`));
  });

  it("fails subnets that do not exist in the region", async () => {
    aws.ec2
      .on(DescribeSubnetsCommand, { SubnetIds: PROD_SUBNETS })
      .resolves({ Subnets: [{ SubnetId: PROD_SUBNETS[0], VpcId: "vpc-0private" }] });
    const run = await preflight("prod");
    expect(run.row("network")).toMatch(
      new RegExp(`FAIL +subnet ${PROD_SUBNETS[1]} not found in eu-central-1`),
    );
  });

  it("reports an EC2 error as a failed check, not a crash", async () => {
    aws.ec2.on(DescribeSubnetsCommand, { SubnetIds: PROD_SUBNETS }).rejects(
      new EC2ServiceException({
        name: "InvalidSubnetID.NotFound",
        $fault: "client",
        $metadata: {},
        message: "gone",
      }),
    );
    const run = await preflight("prod");
    expect(run.row("network")).toMatch(/FAIL +InvalidSubnetID\.NotFound: gone/);
  });
});

describe("check: image-builder", () => {
  it("passes a Docker daemon with BuildKit", async () => {
    const run = await preflight("prod");
    expect(run.row("image-builder")).toMatch(/ok +Docker 27\.3\.1, github\.com\/docker\/buildx v0\.17\.1/);
  });

  it("fails when the daemon does not answer", async () => {
    // Act
    const run = await preflight("prod", {
      ...readyPrograms(),
      "docker info": {
        exitCode: 1,
        stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock\n",
      },
    });

    // Assess
    expect(run.row("image-builder")).toMatch(/FAIL +the Docker daemon does not answer: Cannot connect/);
    expect(run.fix("image-builder")).toMatch(/^start a Docker engine with BuildKit/);
  });

  it("fails without BuildKit, and without Docker at all", async () => {
    const noBuildx = await preflight("prod", {
      ...readyPrograms(),
      "docker buildx version": { exitCode: 1, stderr: "docker: 'buildx' is not a docker command.\n" },
    });
    const noDocker = await preflight("prod", { ...readyPrograms(), "docker info": "ENOENT" });
    expect(noBuildx.row("image-builder")).toContain(
      "FAIL    no BuildKit: docker: 'buildx' is not a docker command.",
    );
    expect(noDocker.row("image-builder")).toMatch(/FAIL +docker is not installed/);
    expect(noDocker.fix("image-builder")).toContain("to build the image of create-shipment");
  });
});
