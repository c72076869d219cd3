/**
 * What a stack with a container task must satisfy. awsx components are remote: under mocks only their
 * inputs exist, so these checks read the inputs (image build, task size, environment, logs, roles) and the
 * plain AWS resources the program owns (roles, policies, log group, cluster, security group).
 */
import { isAbsolute, join, resolve } from "node:path";
import { CONTAINER_TASK_ENV, type ContainerTaskManifest, tableEnvVar } from "@orderflow/domain";
import { describe, expect, it } from "vitest";
import { containerImage } from "../src/code";
import { ecsTaskStates } from "../src/policy/asl-reader";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import { SHIPMENT_PACKAGE, SHIPMENT_PACKAGE_DIR } from "./container-variant";
import { documentOf, INFRA_DIR, named, ofType, stringState } from "./harness";
import type { SuiteContext } from "./stack-suite";

const DEFAULT_VPC_SUBNETS = [
  "subnet-0d3fa0170000a0001",
  "subnet-0d3fa0170000b0002",
  "subnet-0d3fa0170000c0003",
];

/** Every container task's own checks, then how the workflow runs them all. */
export function containerSuite(context: SuiteContext): void {
  for (const manifest of context.containers) containerTaskSuite(context, manifest);
  if (context.containers.length > 0) workflowContainersSuite(context);
}

function containerTaskSuite(
  { stack, prefix, settings, region, containers, run }: SuiteContext,
  manifest: ContainerTaskManifest,
): void {
  const name = manifest.name;
  const family = `${prefix}${name}`;
  const inputsOf = (type: string, resource: string) => named(run(), type, resource).inputs;
  const arnOf = (type: string, resource: string) => stringState(named(run(), type, resource), "arn");
  const taskDefinition = () => inputsOf(T.awsxTaskDefinition, `${name}-task-definition`);
  const container = () => taskDefinition().container as Record<string, unknown>;
  const statementsOf = (policy: string) => documentOf(named(run(), T.rolePolicy, policy)).Statement;

  describe(`${stack}: container task ${name}`, () => {
    it("builds the image from the task package's Dockerfile for linux/arm64 into its own repository", () => {
      const repository = named(run(), T.awsxRepository, `${name}-repository`);
      expect(repository.inputs).toMatchObject({
        name: family,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        // Only a stack that may be torn down deletes its repository with the images in it.
        forceDelete: !settings.deletionProtection,
      });
      expect(inputsOf(T.awsxImage, `${name}-image`)).toEqual({
        repositoryUrl: stringState(repository, "url"),
        context: "../packages/tasks/create-shipment",
        dockerfile: "../packages/tasks/create-shipment/Dockerfile",
        platform: "linux/arm64",
        imageTag: containerImage(SHIPMENT_PACKAGE).tag,
      });
      expect(containerImage(SHIPMENT_PACKAGE).tag).toMatch(/^[0-9a-f]{16}$/);
    });

    it("builds from paths relative to the program's folder, so the checkout's location changes nothing", () => {
      // Prepare
      const image = inputsOf(T.awsxImage, `${name}-image`);

      // Assess: the Pulumi CLI runs the program and its providers in infra/, where these resolve
      expect(isAbsolute(String(image.context))).toBe(false);
      expect(resolve(INFRA_DIR, String(image.context))).toBe(SHIPMENT_PACKAGE_DIR);
      expect(resolve(INFRA_DIR, String(image.dockerfile))).toBe(join(SHIPMENT_PACKAGE_DIR, "Dockerfile"));
      expect(JSON.stringify(image)).not.toContain(resolve(INFRA_DIR, ".."));
    });

    it("sizes the Fargate task from the manifest, on ARM64, running the image this deploy built", () => {
      expect(taskDefinition()).toMatchObject({
        family,
        cpu: String(manifest.cpu),
        memory: String(manifest.memoryMb),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
        logGroup: { skip: true },
        skipDestroy: true,
      });
      expect(container()).toMatchObject({
        name,
        essential: true,
        image: stringState(named(run(), T.awsxImage, `${name}-image`), "imageUri"),
      });
    });

    it("runs the container as a non-root user, unprivileged, without capabilities, on a read-only root", () => {
      expect(container()).toMatchObject({
        user: "1000:1000",
        privileged: false,
        readonlyRootFilesystem: true,
        linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
      });
    });

    it("gives the container its tables' names and its manifest's environment (config over defaults), never the token", () => {
      const environment = Object.fromEntries(
        (container().environment as { name: string; value: string }[]).map((e) => [e.name, e.value]),
      );
      const own = settings.functions[name];
      const expected: Record<string, string> = {
        NODE_OPTIONS: "--enable-source-maps",
        POWERTOOLS_SERVICE_NAME: name,
        POWERTOOLS_LOG_LEVEL: settings.logLevel,
        AWS_REGION: region,
      };
      for (const table of Object.keys(manifest.tables))
        expected[tableEnvVar(table as never)] = `${prefix}${table}`;
      for (const [variable, spec] of Object.entries(manifest.env)) {
        const value = own?.env?.[variable] ?? spec.default;
        if (value !== undefined) expected[variable] = value;
      }
      expect(environment).toEqual(expected);
      for (const reserved of Object.values(CONTAINER_TASK_ENV))
        expect(environment).not.toHaveProperty(reserved);
    });

    it("logs through awslogs into its own log group with the configured retention", () => {
      const logs = named(run(), T.logGroup, `${name}-logs`);
      expect(logs.inputs).toEqual({ name: `/aws/ecs/${family}`, retentionInDays: settings.logRetentionDays });
      expect(container().logConfiguration).toEqual({
        logDriver: "awslogs",
        options: {
          "awslogs-group": `/aws/ecs/${family}`,
          "awslogs-region": region,
          "awslogs-stream-prefix": name,
        },
      });
    });

    it("runs with the task and execution roles the program owns", () => {
      expect(taskDefinition()).toMatchObject({
        taskRole: { roleArn: arnOf(T.role, `${name}-task-role`) },
        executionRole: { roleArn: arnOf(T.role, `${name}-execution-role`) },
      });
      expect(inputsOf(T.role, `${name}-task-role`).name).toBe(`${family}-task`);
      expect(inputsOf(T.role, `${name}-execution-role`).name).toBe(`${family}-execution`);
    });

    it("puts the cluster's Container Insights as configured and the task in an egress-only security group", () => {
      expect(inputsOf(T.ecsCluster, `${name}-cluster`)).toEqual({
        name: family,
        settings: [{ name: "containerInsights", value: settings.containerInsights }],
      });
      const group = inputsOf(T.securityGroup, `${name}-security-group`);
      expect(group.ingress).toEqual([]);
      expect(group.egress).toEqual([
        expect.objectContaining({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
      ]);
      if (settings.containerSubnetIds === undefined) {
        expect(group.vpcId).toBe(named(run(), "awsx:ec2:DefaultVpc", `${name}-vpc`).state.vpcId);
      }
    });

    it("runs the task from the workflow with .waitForTaskToken on the deployed cluster, revision and network", () => {
      const state = ecsTaskStates(run().document.stateMachineDefinition).find(
        (s) => s.state === manifest.stateName,
      );
      const definition = run().document.stateMachineDefinition as {
        States: Record<string, Record<string, unknown>>;
      };
      const body = definition.States[manifest.stateName] as Record<string, unknown>;
      expect(state).toEqual({
        state: manifest.stateName,
        resource: "arn:aws:states:::ecs:runTask.waitForTaskToken",
        clusterArn: arnOf(T.ecsCluster, `${name}-cluster`),
        taskDefinition: `arn:aws:ecs:${region}:123456789012:task-definition/${family}:1`,
      });
      // The state waits for the container's own timeout plus the time Fargate takes to start it.
      expect(body.TimeoutSeconds).toBeGreaterThanOrEqual(manifest.timeoutSeconds + manifest.heartbeatSeconds);
      expect(body).toMatchObject({
        HeartbeatSeconds: manifest.heartbeatSeconds,
        Parameters: {
          LaunchType: "FARGATE",
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: settings.containerSubnetIds ?? DEFAULT_VPC_SUBNETS,
              SecurityGroups: [named(run(), T.securityGroup, `${name}-security-group`).id],
              AssignPublicIp:
                settings.containerSubnetIds === undefined || settings.containerAssignPublicIp
                  ? "ENABLED"
                  : "DISABLED",
            },
          },
          Overrides: { ContainerOverrides: [expect.objectContaining({ Name: name })] },
        },
      });
    });

    it("lets the state machine run only this family, only in its cluster, and pass this task's two roles to ECS", () => {
      const statements = statementsOf("order-workflow-policy");
      const familyArn = `arn:aws:ecs:${region}:123456789012:task-definition/${family}:*`;
      const running = statements.filter(
        (s) => s.Action.includes("ecs:RunTask") && s.Resource.includes(familyArn),
      );
      expect(running).toEqual([
        {
          // Statement ids are unique per policy: with several containers each names its state.
          Sid: containers.length > 1 ? `RunContainerTask${manifest.stateName}` : "RunContainerTask",
          Effect: "Allow",
          Action: ["ecs:RunTask"],
          Resource: [familyArn],
          Condition: { ArnEquals: { "ecs:cluster": arnOf(T.ecsCluster, `${name}-cluster`) } },
        },
      ]);
      const passing = statements.filter((s) => s.Action.includes("iam:PassRole"));
      expect(passing.flatMap((s) => s.Resource)).toEqual(
        expect.arrayContaining([arnOf(T.role, `${name}-task-role`), arnOf(T.role, `${name}-execution-role`)]),
      );
    });

    it("lets the container only answer task tokens (on *, as AWS documents them) and touch exactly its manifest's tables", () => {
      const statements = statementsOf(`${name}-task-policy`);
      expect(statements[0]).toEqual({
        Sid: "ReportToWorkflow",
        Effect: "Allow",
        Action: ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"],
        Resource: ["*"],
      });
      const tables = statements.slice(1).map(({ Action, Resource }) => ({ Action, Resource }));
      const expected = Object.entries(manifest.tables)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([table, actions]) => ({
          Action: (actions ?? []).map((a) => `dynamodb:${a}`),
          Resource: [arnOf(T.table, `tables-${table}`)],
        }));
      expect(tables).toEqual(expected);
    });

    it("lets ECS pull only this repository's image and write only this task's log group", () => {
      const logs = arnOf(T.logGroup, `${name}-logs`);
      expect(statementsOf(`${name}-execution-policy`)).toEqual([
        {
          Sid: "PullImage",
          Effect: "Allow",
          Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Resource: [`arn:aws:ecr:${region}:123456789012:repository/${family}`],
        },
        { Sid: "LogInToRegistry", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
        {
          Sid: "WriteOwnLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [`${logs}:log-stream:*`],
        },
      ]);
      const repositoryUrl = stringState(named(run(), T.awsxRepository, `${name}-repository`), "url");
      expect(repositoryUrl.endsWith(`/${family}`)).toBe(true);
    });

    it("trusts only ECS tasks, and only this account's for the task role", () => {
      for (const role of ofType(run(), T.role).filter((r) => r.name.startsWith(`${name}-`))) {
        const [statement] = documentOf(role, "assumeRolePolicy").Statement;
        expect(statement?.Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
        if (role.name.endsWith("-task-role"))
          expect(statement?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
      }
    });
  });
}

/** How the workflow runs its container tasks together: one RunTask grant each, one PassRole for all. */
function workflowContainersSuite({ stack, prefix, region, containers, run }: SuiteContext): void {
  const arnOf = (type: string, resource: string) => stringState(named(run(), type, resource), "arn");
  const byState = [...containers].sort((a, b) => a.stateName.localeCompare(b.stateName));

  describe(`${stack}: the workflow's container tasks`, () => {
    it("runs each container state on its own task's cluster and revision, and no other ECS state", () => {
      // Act
      const states = ecsTaskStates(run().document.stateMachineDefinition);

      // Assess
      expect(states.map((s) => [s.state, s.clusterArn, s.taskDefinition]).sort()).toEqual(
        containers
          .map((m) => [
            m.stateName,
            arnOf(T.ecsCluster, `${m.name}-cluster`),
            `arn:aws:ecs:${region}:123456789012:task-definition/${prefix}${m.name}:1`,
          ])
          .sort(),
      );
    });

    it("grants RunTask once per container family and PassRole on exactly their roles, to ECS only", () => {
      // Prepare
      const statements = documentOf(named(run(), T.rolePolicy, "order-workflow-policy")).Statement;
      const granting = (action: string) => statements.filter((s) => s.Action.includes(action));

      // Assess
      expect(granting("ecs:RunTask").map((s) => s.Resource)).toEqual(
        byState.map((m) => [`arn:aws:ecs:${region}:123456789012:task-definition/${prefix}${m.name}:*`]),
      );
      expect(granting("iam:PassRole")).toEqual([
        {
          Sid: "PassContainerTaskRoles",
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: byState.flatMap((m) => [
            arnOf(T.role, `${m.name}-task-role`),
            arnOf(T.role, `${m.name}-execution-role`),
          ]),
          Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
      ]);
      // .waitForTaskToken needs none of what .sync does.
      const actions = statements.flatMap((s) => s.Action);
      for (const syncOnly of ["ecs:StopTask", "ecs:DescribeTasks", "events:PutRule", "events:PutTargets"])
        expect(actions).not.toContain(syncOnly);
    });

    if (containers.length > 1) {
      it("gives each container task its own repository, cluster, task definition, roles and log group", () => {
        // Prepare
        const children = [
          [T.awsxRepository, "repository", "url"],
          [T.ecsCluster, "cluster", "arn"],
          [T.awsxTaskDefinition, "task-definition", "family"],
          [T.role, "task-role", "arn"],
          [T.role, "execution-role", "arn"],
          [T.logGroup, "logs", "arn"],
        ] as const;

        // Act
        const identities = children.map(([type, suffix, output]) =>
          containers.map((m) => {
            const child = named(run(), type, `${m.name}-${suffix}`);
            return { parent: child.parent, identity: String(child.state[output] ?? child.inputs[output]) };
          }),
        );

        // Assess
        for (const [index, [, suffix]] of children.entries()) {
          const own = identities[index] ?? [];
          expect(
            own.map((c) => c.parent),
            suffix,
          ).toEqual(containers.map((m) => `orderflow:task:ContainerTask::${m.name}`));
          expect(new Set(own.map((c) => c.identity)).size, suffix).toBe(containers.length);
          for (const [i, m] of containers.entries()) expect(own[i]?.identity, suffix).toContain(m.name);
        }
      });
    }
  });
}
