import type { ContainerTaskManifest, TableName } from "@orderflow/domain";
import { CONTAINER_TASK_ENV } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { ContainerImageSource } from "../code";
import { policyJson } from "../iam/policy-document";
import {
  CONTAINER_CPU_ARCHITECTURE,
  CONTAINER_IMAGE_PLATFORM,
  CONTAINER_USER,
  fargateSizeProblem,
} from "../platform";
import { ECS_TASKS_SERVICE, executionRoleStatements, taskRoleStatements } from "./container-statements";
import type { TableRef } from "./function-statements";
import { manifestEnvironment } from "./manifest-environment";
import { serviceRole } from "./service-role";

/**
 * Where the task's network interface lives. Without subnet ids it uses the default VPC, whose subnets are
 * public and have no NAT: there the task needs a public IP to reach ECR and the AWS APIs.
 */
export type ContainerNetwork =
  | { readonly subnetIds?: undefined }
  | { readonly subnetIds: readonly string[]; readonly assignPublicIp: boolean };

/** The account and region the task's ARNs are built in. */
export interface DeployTarget {
  readonly region: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
}

export interface ContainerTaskArgs {
  /** Plain data: cpu, memory, tables and env decide which resources and permissions exist. */
  readonly manifest: ContainerTaskManifest;
  /** Task-definition family; the repository, cluster and log group are named after it. */
  readonly family: string;
  readonly image: ContainerImageSource;
  /** Every deployed table; the task receives names and permissions only for those its manifest declares. */
  readonly tables: Readonly<Partial<Record<TableName, TableRef>>>;
  /** Values for the manifest's env vars (config overrides); each wins over the manifest default. */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Lowest level the task's logger writes. @default "INFO" */
  readonly logLevel?: pulumi.Input<string>;
  readonly logRetentionDays: pulumi.Input<number>;
  /** The cluster's CloudWatch Container Insights setting. @default "enabled" */
  readonly containerInsights?: pulumi.Input<string>;
  readonly network: ContainerNetwork;
  /** The workflow that hands out task tokens; the task role may answer only it. */
  readonly stateMachineArn: pulumi.Input<string>;
  readonly target: DeployTarget;
}

/**
 * One workflow task as a Fargate container from its manifest: an ECR repository (scan on push, immutable
 * tags) and the image built from the task package, a cluster, a task definition (awsx, remote) with
 * cpu/memory from the manifest, logs in its own group, an egress-only security group, and the task and
 * execution roles as plain IAM resources whose policies are derived here (awsx would otherwise create roles
 * with AWS managed policies, invisible to the policy pack).
 */
export class ContainerTask extends pulumi.ComponentResource {
  readonly clusterArn: pulumi.Output<string>;
  /** The revision this deploy registered; the workflow runs exactly this. */
  readonly taskDefinitionArn: pulumi.Output<string>;
  /** `arn:…:task-definition/<family>:*`: what the state machine may run. */
  readonly taskDefinitionFamilyArn: pulumi.Output<string>;
  /** The container whose environment the workflow overrides with the token and input. */
  readonly containerName: string;
  readonly subnetIds: pulumi.Output<string[]>;
  readonly securityGroupIds: pulumi.Output<string[]>;
  readonly assignPublicIp: boolean;
  readonly taskRoleArn: pulumi.Output<string>;
  readonly executionRoleArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly repositoryUrl: pulumi.Output<string>;
  readonly imageUri: pulumi.Output<string>;

  constructor(name: string, args: ContainerTaskArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:task:ContainerTask", name, {}, opts);
    const { manifest, family, target } = args;
    const sizeProblem = fargateSizeProblem(manifest.cpu, manifest.memoryMb);
    if (sizeProblem) throw new Error(`container task ${manifest.name}: ${sizeProblem}`);
    const environment = environmentFor(manifest, args);
    const repositoryArn = pulumi.interpolate`arn:${target.partition}:ecr:${target.region}:${target.accountId}:repository/${family}`;

    const repository = new awsx.ecr.Repository(
      `${name}-repository`,
      {
        name: family,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        lifecyclePolicy: {
          rules: [
            { description: "Drop untagged layers", tagStatus: "untagged", maximumAgeLimit: 1 },
            // Older workflow versions may still start older revisions: keep a generous tail of images.
            { description: "Keep the latest 30 images", tagStatus: "any", maximumNumberOfImages: 30 },
          ],
        },
      },
      { parent: this },
    );

    const image = new awsx.ecr.Image(
      `${name}-image`,
      {
        repositoryUrl: repository.url,
        context: args.image.context,
        dockerfile: args.image.dockerfile,
        platform: CONTAINER_IMAGE_PLATFORM,
        imageTag: args.image.tag,
      },
      { parent: this },
    );

    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { name: family, settings: [{ name: "containerInsights", value: args.containerInsights ?? "enabled" }] },
      { parent: this },
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/ecs/${family}`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );

    const taskRole = serviceRole(
      `${name}-task-role`,
      {
        service: ECS_TASKS_SERVICE,
        description: `Runs the ${manifest.name} container`,
        sourceAccount: target.accountId,
      },
      { parent: this },
    );
    const taskPolicy = new aws.iam.RolePolicy(
      `${name}-task-policy`,
      {
        role: taskRole.id,
        policy: policyJson(taskRoleStatements(manifest, args.tables, args.stateMachineArn)),
      },
      { parent: this },
    );

    const executionRole = serviceRole(
      `${name}-execution-role`,
      { service: ECS_TASKS_SERVICE, description: `Pulls and logs the ${manifest.name} container` },
      { parent: this },
    );
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      { role: executionRole.id, policy: policyJson(executionRoleStatements(repositoryArn, logGroup.arn)) },
      { parent: this },
    );

    const taskDefinition = new awsx.ecs.FargateTaskDefinition(
      `${name}-task-definition`,
      {
        family,
        cpu: String(manifest.cpu),
        memory: String(manifest.memoryMb),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: CONTAINER_CPU_ARCHITECTURE },
        taskRole: { roleArn: taskRole.arn },
        executionRole: { roleArn: executionRole.arn },
        // Our own log group (with retention) instead of one awsx would create.
        logGroup: { skip: true },
        container: {
          name: manifest.name,
          image: image.imageUri,
          essential: true,
          environment: Object.entries(environment)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => ({ name: key, value })),
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": logGroup.name,
              "awslogs-region": target.region,
              "awslogs-stream-prefix": manifest.name,
            },
          },
          user: CONTAINER_USER,
          privileged: false,
          readonlyRootFilesystem: true,
          // An init process reaps children and forwards SIGTERM, so a stopped task ends cleanly.
          linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
        },
      },
      // A task must not start before its roles may pull the image and write logs.
      { parent: this, dependsOn: [taskPolicy, executionPolicy] },
    );

    const { vpcId, subnetIds, assignPublicIp } = this.network(name, args.network);
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-security-group`,
      {
        name: `${family}-task`,
        description: `${manifest.name} tasks: no inbound traffic, HTTPS out to the AWS APIs`,
        vpcId,
        ingress: [],
        egress: [
          {
            description: "HTTPS to ECR, DynamoDB, Step Functions and CloudWatch Logs",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: ["0.0.0.0/0"],
            ipv6CidrBlocks: ["::/0"],
          },
        ],
      },
      { parent: this },
    );

    this.clusterArn = cluster.arn;
    this.taskDefinitionArn = taskDefinition.taskDefinition.apply((definition) => definition.arn);
    this.taskDefinitionFamilyArn = pulumi.interpolate`arn:${target.partition}:ecs:${target.region}:${target.accountId}:task-definition/${family}:*`;
    this.containerName = manifest.name;
    this.subnetIds = subnetIds;
    this.securityGroupIds = pulumi.output([securityGroup.id]);
    this.assignPublicIp = assignPublicIp;
    this.taskRoleArn = taskRole.arn;
    this.executionRoleArn = executionRole.arn;
    this.logGroupName = logGroup.name;
    this.repositoryUrl = repository.url;
    this.imageUri = image.imageUri;
    this.registerOutputs({
      clusterArn: this.clusterArn,
      taskDefinitionArn: this.taskDefinitionArn,
      imageUri: this.imageUri,
    });
  }

  /** The configured subnets, or the default VPC's (public, so the task gets a public IP there). */
  private network(name: string, network: ContainerNetwork) {
    if (network.subnetIds !== undefined) {
      const [first] = network.subnetIds;
      if (first === undefined) throw new Error("a container task needs at least one subnet");
      const subnet = aws.ec2.getSubnetOutput({ id: first }, { parent: this });
      return {
        vpcId: subnet.vpcId,
        subnetIds: pulumi.output([...network.subnetIds]),
        assignPublicIp: network.assignPublicIp,
      };
    }
    const vpc = new awsx.ec2.DefaultVpc(`${name}-vpc`, {}, { parent: this });
    return { vpcId: vpc.vpcId, subnetIds: vpc.publicSubnetIds, assignPublicIp: true };
  }
}

/**
 * The manifest's environment plus what the entry module needs from the platform. The token and input
 * variables are reserved: the workflow sets them per execution through container overrides.
 */
function environmentFor(
  manifest: ContainerTaskManifest,
  args: ContainerTaskArgs,
): Record<string, pulumi.Input<string>> {
  for (const reserved of Object.values(CONTAINER_TASK_ENV)) {
    if (reserved in manifest.env) {
      throw new Error(
        `container task ${manifest.name} declares ${reserved}, which the workflow sets per execution`,
      );
    }
  }
  return {
    NODE_OPTIONS: "--enable-source-maps",
    POWERTOOLS_SERVICE_NAME: manifest.name,
    POWERTOOLS_LOG_LEVEL: args.logLevel ?? "INFO",
    AWS_REGION: args.target.region,
    ...manifestEnvironment(manifest, args.tables, args.environment, "container task"),
  };
}
