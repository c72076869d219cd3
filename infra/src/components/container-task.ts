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
  | {
      /** Left out: the default VPC's public subnets, with a public IP. */
      readonly subnetIds?: undefined;
    }
  | {
      /** The subnets of the task's network interface, all in one VPC (the security group goes there). */
      readonly subnetIds: readonly string[];
      /** Private subnets need a NAT gateway or VPC endpoints instead. */
      readonly assignPublicIp: boolean;
    };

/** The account and region the task's ARNs are built in. */
export interface DeployTarget {
  /** Region of the task's log stream and of its repository and task-definition ARNs. */
  readonly region: pulumi.Input<string>;
  /** Account of the repository and task-definition ARNs; the task role trusts only this account's tasks. */
  readonly accountId: pulumi.Input<string>;
  /** ARN partition, e.g. `aws`. */
  readonly partition: pulumi.Input<string>;
}

export interface ContainerTaskArgs {
  /**
   * What the task needs, from its package: cpu, memory, heartbeat, tables and env. Plain data rather than
   * an Input: its shape decides which resources and permissions exist, and that must be known before
   * anything is deployed.
   */
  readonly manifest: ContainerTaskManifest;
  /**
   * Task-definition family; the repository and cluster are named after it, the log group is
   * `/aws/ecs/<family>` and the security group `<family>-task`.
   */
  readonly family: pulumi.Input<string>;
  /** The image build: context, Dockerfile and content tag, usually from `containerImage`. */
  readonly image: pulumi.Input<ContainerImageSource>;
  /**
   * Every deployed table; the task receives names and permissions only for those its manifest declares.
   * Plain keys (the manifest's tables must be among them before anything deploys).
   */
  readonly tables: Readonly<Partial<Record<TableName, TableRef>>>;
  /**
   * Values for the manifest's env vars (config overrides); each wins over the manifest default. Plain keys:
   * a variable the manifest does not declare fails before anything deploys.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Lowest level the task's logger writes.
   * @default "INFO"
   */
  readonly logLevel?: pulumi.Input<string>;
  /** Retention of the task's log group, in days (one of CloudWatch's allowed values). */
  readonly logRetentionDays: pulumi.Input<number>;
  /**
   * The cluster's CloudWatch Container Insights setting: `enhanced`, `enabled` or `disabled`.
   * @default "enabled"
   */
  readonly containerInsights?: pulumi.Input<string>;
  /** Where the task's network interface lives. Plain data: it decides whether a default VPC is looked up. */
  readonly network: ContainerNetwork;
  /**
   * Delete the repository with its images when the stack is destroyed (a stack without deletion
   * protection); otherwise `pulumi destroy` stops at a repository that still holds images.
   * @default false
   */
  readonly forceDelete?: boolean;
  /** The account, region and partition the task's ARNs are built in. */
  readonly target: DeployTarget;
}

/** The task's two roles, and the policies the task definition waits for. */
interface TaskRoles {
  readonly taskRole: aws.iam.Role;
  readonly executionRole: aws.iam.Role;
  readonly policies: readonly aws.iam.RolePolicy[];
}

/** Where the task runs: the VPC of its security group, its subnets, and whether it gets a public IP. */
interface TaskNetwork {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string[]>;
  readonly assignPublicIp: boolean;
}

/**
 * One workflow task as a Fargate container from its manifest: an ECR repository (scan on push, immutable
 * tags) and the image built from the task package, a cluster, a task definition (awsx, remote) with
 * cpu/memory from the manifest whose replaced revisions stay registered for rollbacks, logs in its own
 * group, an egress-only security group, and the task and execution roles as plain IAM resources whose
 * policies are derived here (awsx would otherwise create roles with AWS managed policies, invisible to the
 * policy pack).
 *
 * @example
 * ```ts
 * const shipment = new ContainerTask("create-shipment", {
 *   manifest: containerTask,
 *   family: "orderflow-prod-create-shipment",
 *   image: containerImage("@orderflow/task-create-shipment/task"),
 *   tables,
 *   logRetentionDays: 365,
 *   network: {},
 *   target: { region: "eu-central-1", accountId, partition: "aws" },
 * }, { providers: [provider] });
 * // The workflow runs shipment.taskDefinitionArn in shipment.clusterArn.
 * ```
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
    // Both checks fail before any resource is declared.
    assertFargateSize(args.manifest);
    const environment = containerEnvironment(args);

    const repository = this.repository(name, args);
    const image = this.image(name, args, repository);
    const cluster = this.cluster(name, args);
    const logGroup = this.logGroup(name, args);
    const roles = this.roles(name, args, logGroup);
    const taskDefinition = this.taskDefinition(name, args, {
      container: containerDefinition(args, environment, image, logGroup),
      roles,
    });
    const network = this.network(name, args.network);
    const securityGroup = this.securityGroup(name, args, network.vpcId);

    this.clusterArn = cluster.arn;
    this.taskDefinitionArn = taskDefinition.taskDefinition.apply((definition) => definition.arn);
    this.taskDefinitionFamilyArn = arnIn(
      args.target,
      "ecs",
      pulumi.interpolate`task-definition/${args.family}:*`,
    );
    this.containerName = args.manifest.name;
    this.subnetIds = network.subnetIds;
    this.securityGroupIds = pulumi.output([securityGroup.id]);
    this.assignPublicIp = network.assignPublicIp;
    this.taskRoleArn = roles.taskRole.arn;
    this.executionRoleArn = roles.executionRole.arn;
    this.logGroupName = logGroup.name;
    this.repositoryUrl = repository.url;
    this.imageUri = image.imageUri;
    this.registerOutputs({
      clusterArn: this.clusterArn,
      taskDefinitionArn: this.taskDefinitionArn,
      imageUri: this.imageUri,
    });
  }

  /** The task's own repository: scanned on push, immutable tags, a bounded tail of images. */
  private repository(name: string, args: ContainerTaskArgs): awsx.ecr.Repository {
    return new awsx.ecr.Repository(
      `${name}-repository`,
      {
        name: args.family,
        forceDelete: args.forceDelete ?? false,
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
  }

  /** The image built from the task package for Graviton, pushed under its content tag. */
  private image(name: string, args: ContainerTaskArgs, repository: awsx.ecr.Repository): awsx.ecr.Image {
    const source = pulumi.output(args.image);
    return new awsx.ecr.Image(
      `${name}-image`,
      {
        repositoryUrl: repository.url,
        context: source.context,
        dockerfile: source.dockerfile,
        platform: CONTAINER_IMAGE_PLATFORM,
        imageTag: source.tag,
      },
      { parent: this },
    );
  }

  private cluster(name: string, args: ContainerTaskArgs): aws.ecs.Cluster {
    return new aws.ecs.Cluster(
      `${name}-cluster`,
      {
        name: args.family,
        settings: [{ name: "containerInsights", value: args.containerInsights ?? "enabled" }],
      },
      { parent: this },
    );
  }

  private logGroup(name: string, args: ContainerTaskArgs): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: pulumi.interpolate`/aws/ecs/${args.family}`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );
  }

  /**
   * The task role (the application: task tokens and its manifest's tables) and the execution role (the
   * Fargate agent: pull this repository, write this log group), each with its inline policy.
   */
  private roles(name: string, args: ContainerTaskArgs, logGroup: aws.cloudwatch.LogGroup): TaskRoles {
    const { manifest, target } = args;
    const taskRole = serviceRole(
      `${name}-task-role`,
      {
        roleName: pulumi.interpolate`${args.family}-task`,
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
        policy: policyJson(taskRoleStatements(manifest, args.tables)),
      },
      { parent: this },
    );
    const executionRole = serviceRole(
      `${name}-execution-role`,
      {
        roleName: pulumi.interpolate`${args.family}-execution`,
        service: ECS_TASKS_SERVICE,
        description: `Pulls and logs the ${manifest.name} container`,
      },
      { parent: this },
    );
    const repositoryArn = arnIn(target, "ecr", pulumi.interpolate`repository/${args.family}`);
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      { role: executionRole.id, policy: policyJson(executionRoleStatements(repositoryArn, logGroup.arn)) },
      { parent: this },
    );
    return { taskRole, executionRole, policies: [taskPolicy, executionPolicy] };
  }

  /** The Fargate task definition: the manifest's size on ARM64, the program's roles and log group. */
  private taskDefinition(
    name: string,
    args: ContainerTaskArgs,
    parts: {
      readonly container: awsx.types.input.ecs.TaskDefinitionContainerDefinitionArgs;
      readonly roles: TaskRoles;
    },
  ): awsx.ecs.FargateTaskDefinition {
    const { manifest } = args;
    return new awsx.ecs.FargateTaskDefinition(
      `${name}-task-definition`,
      {
        family: args.family,
        cpu: String(manifest.cpu),
        memory: String(manifest.memoryMb),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: CONTAINER_CPU_ARCHITECTURE },
        taskRole: { roleArn: parts.roles.taskRole.arn },
        executionRole: { roleArn: parts.roles.executionRole.arn },
        // Our own log group (with retention) instead of one awsx would create.
        logGroup: { skip: true },
        container: parts.container,
        // Each image change registers a new revision. Executions on an earlier workflow version, or the
        // live alias pointed back at one, start the revision they were built with: an INACTIVE revision
        // cannot start tasks, so replaced revisions stay registered (they cost nothing).
        skipDestroy: true,
      },
      // A task must not start before its roles may pull the image and write logs.
      { parent: this, dependsOn: [...parts.roles.policies] },
    );
  }

  /** The configured subnets, or the default VPC's (public, so the task gets a public IP there). */
  private network(name: string, network: ContainerNetwork): TaskNetwork {
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

  /** No inbound traffic at all; outbound only HTTPS, to the AWS APIs the task and the agent call. */
  private securityGroup(
    name: string,
    args: ContainerTaskArgs,
    vpcId: pulumi.Input<string>,
  ): aws.ec2.SecurityGroup {
    return new aws.ec2.SecurityGroup(
      `${name}-security-group`,
      {
        name: pulumi.interpolate`${args.family}-task`,
        description: `${args.manifest.name} tasks: no inbound traffic, HTTPS out to the AWS APIs`,
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
  }
}

/** Fargate refuses some cpu/memory pairs only when the task definition is registered: refuse them first. */
function assertFargateSize(manifest: ContainerTaskManifest): void {
  const problem = fargateSizeProblem(manifest.cpu, manifest.memoryMb);
  if (problem) throw new Error(`container task ${manifest.name}: ${problem}`);
}

/** An ARN of a service in the task's account and region, e.g. its repository or task-definition family. */
function arnIn(target: DeployTarget, service: string, resource: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:${target.partition}:${service}:${target.region}:${target.accountId}:${resource}`;
}

/**
 * The one container, named after the manifest: this deploy's image, its environment in a stable order,
 * awslogs into the task's own group, and locked down (non-root, unprivileged, no capabilities, read-only root).
 */
function containerDefinition(
  args: ContainerTaskArgs,
  environment: Readonly<Record<string, pulumi.Input<string>>>,
  image: awsx.ecr.Image,
  logGroup: aws.cloudwatch.LogGroup,
): awsx.types.input.ecs.TaskDefinitionContainerDefinitionArgs {
  const { manifest } = args;
  return {
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
        "awslogs-region": args.target.region,
        "awslogs-stream-prefix": manifest.name,
      },
    },
    user: CONTAINER_USER,
    privileged: false,
    readonlyRootFilesystem: true,
    // An init process reaps children and forwards SIGTERM, so a stopped task ends cleanly.
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
  };
}

/**
 * The manifest's environment plus what the entry module needs from the platform. The token and input
 * variables are reserved: the workflow sets them per execution through container overrides.
 */
function containerEnvironment(args: ContainerTaskArgs): Record<string, pulumi.Input<string>> {
  const { manifest } = args;
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
