import { fileURLToPath } from "node:url";
import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { GetAccountSettingsCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ListSubscriptionsByTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { type PreflightDeps, preflightCommand } from "../../src/commands/preflight";
import { pinnedPulumiVersion } from "../../src/commands/preflight/pulumi-version";
import { type Answer, capturedIo, fakePrograms } from "./fake-programs";

/** Stack files like infra/'s: `prod` with every owner value, `dev`, and `broken` (placeholder, no account). */
export const STACKS_DIR = fileURLToPath(new URL("../fixtures/stacks", import.meta.url));
/** The repository's pin, found above the fixture folder as it is found above infra/. */
export const PIN = pinnedPulumiVersion(STACKS_DIR) ?? "";
export const ACCOUNT = "123456789012";
export const TOPIC = `arn:aws:sns:eu-central-1:${ACCOUNT}:orderflow-prod-alarms`;
export const PROD_SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"];

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "test" };
export const aws = {
  sts: mockClient(STSClient),
  lambda: mockClient(LambdaClient),
  ec2: mockClient(EC2Client),
  sns: mockClient(SNSClient),
};

/** An account where every check passes: the stack's account, quota 1000, NAT egress, a default VPC. */
export function healthyAccount(): void {
  for (const client of Object.values(aws)) client.reset();
  aws.sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/x` });
  aws.lambda.on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 1000 } });
  aws.ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: "vpc-0default", IsDefault: true }] });
  aws.ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: ["a", "b", "c"].map((az) => ({ SubnetId: `subnet-default${az}`, VpcId: "vpc-0default" })),
  });
  aws.ec2
    .on(DescribeSubnetsCommand, { SubnetIds: PROD_SUBNETS })
    .resolves({ Subnets: PROD_SUBNETS.map((SubnetId) => ({ SubnetId, VpcId: "vpc-0private" })) });
  routeDefaultThrough({ NatGatewayId: "nat-0a1b2c3d" });
  aws.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  aws.sns.on(ListSubscriptionsByTopicCommand).resolves({
    Subscriptions: [{ Protocol: "email", Endpoint: "oncall@shop.test", SubscriptionArn: `${TOPIC}:8f1c` }],
  });
}

/** The prod subnets' route table, with its default route (or none). */
export function routeDefaultThrough(target: Record<string, string> | undefined): void {
  aws.ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      {
        Associations: PROD_SUBNETS.map((SubnetId) => ({ SubnetId })),
        Routes: [
          { DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" },
          ...(target ? [{ DestinationCidrBlock: "0.0.0.0/0", ...target }] : []),
        ],
      },
    ],
  });
}

/** Programs that answer like a ready machine: the pinned Pulumi, a deployed stack, Docker with BuildKit. */
export function readyPrograms(): Record<string, Answer> {
  return {
    "pulumi version": `v${PIN}\n`,
    "pulumi stack output": JSON.stringify({ alarmTopicArn: TOPIC }),
    "docker info": "27.3.1\n",
    "docker buildx version": "github.com/docker/buildx v0.17.1 cfd7e1b\n",
  };
}

export interface PreflightRun {
  readonly code: number;
  readonly stdout: string;
  /** The table row of a check, e.g. `network  ok  2 private subnets…`. */
  readonly row: (check: string) => string;
  /** The "what to do" line of a failed check. */
  readonly fix: (check: string) => string | undefined;
}

/** Runs `orderflow preflight` on a fixture stack with the mocked AWS and fake programs. */
export async function preflight(
  stack: string,
  programs: Record<string, Answer> = readyPrograms(),
  env: Record<string, string> = {},
): Promise<PreflightRun> {
  const output = capturedIo();
  const deps: PreflightDeps = {
    io: output.io,
    runProgram: fakePrograms(programs).run,
    infraDir: STACKS_DIR,
    clients: (region) => ({
      sts: new STSClient({ region, credentials }),
      lambda: new LambdaClient({ region, credentials }),
      ec2: new EC2Client({ region, credentials }),
      sns: new SNSClient({ region, credentials }),
    }),
    env,
  };
  const code = await preflightCommand({ stack }, deps);
  const stdout = output.stdout();
  const lines = stdout.split("\n");
  return {
    code,
    stdout,
    row: (check) => lines.find((l) => l.startsWith(`${check} `)) ?? `(no row for ${check})`,
    fix: (check) => lines.find((l) => l.startsWith(`  ${check}: `))?.slice(check.length + 4),
  };
}
