import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type RouteTable,
} from "@aws-sdk/client-ec2";
import type { StackPlan } from "@orderflow/infra/stack-plan";
import { awsErrorFix, awsErrorText } from "../aws-error-text";
import { type CheckResult, fail, pass } from "./check-result";

const CHECK = "network";
const EC2_READS =
  "ec2:DescribeVpcs, ec2:DescribeSubnets, ec2:DescribeRouteTables and ec2:DescribeVpcEndpoints";

/** What a task in a private subnet reaches without a NAT gateway: image, layers, logs, tokens, tables. */
export const ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "s3", "logs", "states", "dynamodb"] as const;

/**
 * Where the container tasks will run: the default VPC (which new accounts may lack) or the configured
 * subnets; in production, private subnets that reach AWS through a NAT gateway or VPC endpoints.
 */
export async function checkNetwork(plan: StackPlan, ec2: EC2Client): Promise<CheckResult> {
  if (plan.containerTasks.length === 0) return pass(CHECK, "no container tasks: nothing to place");
  try {
    const subnets = plan.settings.containerSubnetIds;
    return subnets === undefined ? await defaultVpc(plan, ec2) : await configuredSubnets(plan, ec2, subnets);
  } catch (error) {
    return fail(CHECK, awsErrorText(error), awsErrorFix(error, EC2_READS));
  }
}

async function defaultVpc(plan: StackPlan, ec2: EC2Client): Promise<CheckResult> {
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }),
  );
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  const fix =
    `create one: aws ec2 create-default-vpc --region ${plan.region} (a minute), or set private subnets: ` +
    `pulumi config set --path 'orderflow:containerSubnetIds[0]' subnet-<id> -s ${plan.stack}`;
  if (vpcId === undefined) return fail(CHECK, `no default VPC in ${plan.region}`, fix);
  const subnets = await ec2.send(
    new DescribeSubnetsCommand({
      Filters: [
        { Name: "vpc-id", Values: [vpcId] },
        { Name: "default-for-az", Values: ["true"] },
      ],
    }),
  );
  const count = subnets.Subnets?.length ?? 0;
  if (count === 0) return fail(CHECK, `default VPC ${vpcId} has no default subnets`, fix);
  return pass(CHECK, `default VPC ${vpcId} with ${count} public subnets`);
}

async function configuredSubnets(
  plan: StackPlan,
  ec2: EC2Client,
  ids: readonly string[],
): Promise<CheckResult> {
  const found = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [...ids] }))).Subnets ?? [];
  const missing = ids.filter((id) => !found.some((s) => s.SubnetId === id));
  const fixIds = `correct orderflow:containerSubnetIds in Pulumi.${plan.stack}.yaml (subnets of ${plan.region})`;
  if (missing.length > 0)
    return fail(CHECK, `subnet ${missing.join(", ")} not found in ${plan.region}`, fixIds);
  const vpcIds = [...new Set(found.map((s) => s.VpcId))];
  if (vpcIds.length !== 1)
    return fail(CHECK, `the subnets lie in ${vpcIds.length} VPCs`, `${fixIds}: all in one VPC`);
  const vpcId = vpcIds[0] as string;
  if (plan.settings.tier !== "production") return pass(CHECK, `${ids.length} subnets in ${vpcId}`);
  return privateEgress(plan, ec2, vpcId, ids);
}

/** In production every subnet is private and reaches AWS through a NAT gateway or VPC endpoints. */
async function privateEgress(
  plan: StackPlan,
  ec2: EC2Client,
  vpcId: string,
  ids: readonly string[],
): Promise<CheckResult> {
  const tables =
    (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] })))
      .RouteTables ?? [];
  const egress = ids.map((id) => ({ id, route: defaultRoute(routeTableOf(tables, id)) }));
  const publicOnes = egress.filter((e) => e.route?.startsWith("igw-")).map((e) => e.id);
  if (publicOnes.length > 0) {
    return fail(
      CHECK,
      `public subnet ${publicOnes.join(", ")} (default route to an internet gateway)`,
      "use private subnets for production tasks: a default route to a NAT gateway, or none and VPC endpoints",
    );
  }
  if (egress.every((e) => e.route !== undefined))
    return pass(CHECK, `${ids.length} private subnets in ${vpcId}, egress through NAT`);
  const missing = await missingEndpoints(plan, ec2, vpcId);
  if (missing.length === 0)
    return pass(
      CHECK,
      `${ids.length} private subnets in ${vpcId}, VPC endpoints for ${ENDPOINT_SERVICES.join(", ")}`,
    );
  return fail(
    CHECK,
    `no NAT route and no VPC endpoint for ${missing.join(", ")} in ${vpcId}`,
    `add a NAT gateway route, or VPC endpoints for ${missing.map((s) => `com.amazonaws.${plan.region}.${s}`).join(", ")}`,
  );
}

/** A subnet's own route table, else the VPC's main one. */
function routeTableOf(tables: readonly RouteTable[], subnetId: string): RouteTable | undefined {
  return (
    tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId)) ??
    tables.find((t) => t.Associations?.some((a) => a.Main === true))
  );
}

/** Where the default route (0.0.0.0/0) goes: `igw-…`, `nat-…`, another target, or nowhere. */
function defaultRoute(table: RouteTable | undefined): string | undefined {
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.State !== "blackhole");
  if (route === undefined) return undefined;
  return (
    route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? route.NetworkInterfaceId ?? "other"
  );
}

async function missingEndpoints(plan: StackPlan, ec2: EC2Client, vpcId: string): Promise<string[]> {
  const endpoints = await ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [
        { Name: "vpc-id", Values: [vpcId] },
        { Name: "vpc-endpoint-state", Values: ["available"] },
      ],
    }),
  );
  const names = new Set((endpoints.VpcEndpoints ?? []).map((e) => e.ServiceName));
  return ENDPOINT_SERVICES.filter((service) => !names.has(`com.amazonaws.${plan.region}.${service}`));
}
