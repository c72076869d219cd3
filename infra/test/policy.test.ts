/**
 * Each rule of the pack fires on a resource that breaks it, and stays quiet on the compliant original.
 * The baseline is the prod synth (no rule disabled there) with CreateShipment as a container, so the
 * Lambda and the container rules both have something to check; the per-stack "0 violations" runs are in
 * the stack suites.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type ResourceUnderTest, runPolicies } from "../src/policy/offline";
import { POLICY_PACK_NAME, policies } from "../src/policy/policies";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import { CONTAINER_VARIANT } from "./container-variant";
import { synthStack } from "./harness";

type Resources = ResourceUnderTest[];
type Inputs = Record<string, unknown>;

/** A copy of `resources` with one resource's inputs changed. */
function change(
  resources: Resources,
  type: string,
  name: string,
  edit: (inputs: Inputs) => Inputs,
): Resources {
  let found = false;
  const changed = resources.map((r) => {
    if (r.type !== type || r.name !== name) return r;
    found = true;
    return { ...r, inputs: edit(structuredClone(r.inputs)) };
  });
  if (!found) throw new Error(`breaker refers to ${type} ${name}, which the synth lacks`);
  return changed;
}

function without(resources: Resources, type: string, name: string): Resources {
  const kept = resources.filter((r) => !(r.type === type && r.name === name));
  if (kept.length === resources.length)
    throw new Error(`breaker removes ${type} ${name}, which the synth lacks`);
  return kept;
}

/** Edits a function's environment variables. */
function editEnvironment(
  inputs: Inputs,
  edit: (variables: Record<string, unknown>) => Record<string, unknown>,
): Inputs {
  const environment = inputs.environment as { variables: Record<string, unknown> };
  return { ...inputs, environment: { ...environment, variables: edit(environment.variables) } };
}

/** Edits a JSON-text input (policies, definitions) as an object. */
function editJson(inputs: Inputs, key: string, edit: (value: Record<string, unknown>) => void): Inputs {
  const value = JSON.parse(String(inputs[key])) as Record<string, unknown>;
  edit(value);
  return { ...inputs, [key]: JSON.stringify(value) };
}

type Statement = Record<string, unknown>;
const statements = (doc: Record<string, unknown>) => doc.Statement as Statement[];
const states = (doc: Record<string, unknown>) => doc.States as Record<string, Record<string, unknown>>;

const fn = (inputsEdit: (i: Inputs) => Inputs) => (r: Resources) =>
  change(r, T.function, "validate-order-function", inputsEdit);
const machine = (inputsEdit: (i: Inputs) => Inputs) => (r: Resources) =>
  change(r, T.stateMachine, "order-workflow-state-machine", inputsEdit);
const table = (inputsEdit: (i: Inputs) => Inputs) => (r: Resources) =>
  change(r, T.table, "tables-orders", inputsEdit);
const taskDefinition = (inputsEdit: (i: Inputs) => Inputs) => (r: Resources) =>
  change(r, T.awsxTaskDefinition, "create-shipment-task-definition", inputsEdit);
const container = (edit: (c: Inputs) => Inputs) =>
  taskDefinition((i) => ({ ...i, container: edit(i.container as Inputs) }));
const repository = (inputsEdit: (i: Inputs) => Inputs) => (r: Resources) =>
  change(r, T.awsxRepository, "create-shipment-repository", inputsEdit);
const workflowPolicy = (edit: (statements: Statement[]) => void) => (r: Resources) =>
  change(r, T.rolePolicy, "order-workflow-policy", (i) => editJson(i, "policy", (d) => edit(statements(d))));
const sid = (all: Statement[], id: string) => all.find((s) => s.Sid === id) as Statement;
const alias = (edit: (routes: Inputs[]) => Inputs[]) => (r: Resources) =>
  change(r, T.stateMachineAlias, "order-workflow-alias", (i) => ({
    ...i,
    routingConfigurations: edit(i.routingConfigurations as Inputs[]),
  }));

/** For every rule: a way to break the compliant stack that the rule must catch. */
const BREAKERS: Readonly<Record<string, (resources: Resources) => Resources>> = {
  "lambda-latest-node-runtime": fn((i) => ({ ...i, runtime: "nodejs20.x" })),
  "lambda-arm64": fn((i) => ({ ...i, architectures: ["x86_64"] })),
  "lambda-stream-consumer-parks-failures": (r) =>
    change(r, T.eventSourceMapping, "outbox-stream", ({ destinationConfig: _, ...i }) => i),
  "lambda-active-tracing": fn((i) => ({ ...i, tracingConfig: { mode: "PassThrough" } })),
  "lambda-reserved-concurrency": fn(({ reservedConcurrentExecutions: _, ...i }) => i),
  "lambda-json-logs-own-group": fn((i) => ({ ...i, loggingConfig: { logFormat: "Text" } })),
  "lambda-env-without-secrets": fn((i) => ({
    ...i,
    environment: { variables: { GATEWAY_API_KEY: "sk_live_abcdefghijklmnop" } },
  })),
  "lambda-publishes-versions": fn((i) => ({ ...i, publish: false })),
  "lambda-permission-no-public-invoke": (r) =>
    change(r, T.permission, "orders-api-invoke-post-orders", (i) => ({
      ...i,
      sourceArn: `${String(i.sourceArn).split("/")[0]}/*/*`,
    })),
  "sfn-logging-all": machine((i) => ({ ...i, loggingConfiguration: { level: "ERROR" } })),
  "sfn-xray-tracing": machine((i) => ({ ...i, tracingConfiguration: { enabled: false } })),
  "sfn-standard-type": machine((i) => ({ ...i, type: "EXPRESS" })),
  "sfn-publishes-versions": machine((i) => ({ ...i, publish: false })),
  "sfn-execution-data-not-logged": machine((i) => ({
    ...i,
    loggingConfiguration: { ...(i.loggingConfiguration as object), includeExecutionData: true },
  })),
  "sfn-workflow-rules": machine((i) =>
    editJson(i, "definition", (d) => {
      delete states(d).ChargePayment?.Retry;
    }),
  ),
  "sfn-jsonpath-only": machine((i) =>
    editJson(i, "definition", (d) => {
      d.QueryLanguage = "JSONata";
    }),
  ),
  "sfn-alias-routes-to-published-versions": (r) =>
    change(r, T.stateMachineAlias, "order-workflow-alias", (i) => ({
      ...i,
      routingConfigurations: (i.routingConfigurations as Inputs[]).map((c) => ({ ...c, weight: 50 })),
    })),
  "apigw-access-logging": (r) =>
    change(r, T.stage, "orders-api-stage", ({ accessLogSettings: _, ...i }) => i),
  "apigw-route-authorization": (r) =>
    change(r, T.route, "orders-api-post-orders", (i) => ({ ...i, authorizationType: "NONE" })),
  "apigw-throttling": (r) =>
    change(r, T.stage, "orders-api-stage", (i) => ({ ...i, defaultRouteSettings: {} })),
  "apigw-cors-named-origins": (r) =>
    change(r, T.api, "orders-api-api", (i) => ({ ...i, corsConfiguration: { allowOrigins: ["*"] } })),
  "iam-no-aws-managed-policies": (r) =>
    change(r, T.role, "api-role", (i) => ({
      ...i,
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    })),
  "iam-no-wildcards": (r) =>
    change(r, T.rolePolicy, "api-policy", (i) =>
      editJson(i, "policy", (d) => {
        statements(d).push({ Effect: "Allow", Action: ["dynamodb:*"], Resource: ["*"] });
      }),
    ),
  "iam-trust-one-service": (r) =>
    change(r, T.role, "api-role", (i) =>
      editJson(i, "assumeRolePolicy", (d) => {
        (statements(d)[0] as Statement).Principal = { AWS: "*" };
      }),
    ),
  "kms-key-policy-explicit-actions": (r) =>
    change(r, T.kmsKey, "alarms-key", (i) =>
      editJson(i, "policy", (d) => {
        (statements(d)[0] as Statement).Action = ["kms:*"];
      }),
    ),
  "dynamodb-point-in-time-recovery": table((i) => ({ ...i, pointInTimeRecovery: { enabled: false } })),
  "dynamodb-deletion-protection": table((i) => ({ ...i, deletionProtectionEnabled: false })),
  "dynamodb-encryption": table((i) => ({ ...i, serverSideEncryption: { enabled: false } })),
  "dynamodb-on-demand": table((i) => ({ ...i, billingMode: "PROVISIONED" })),
  "log-group-retention": (r) => change(r, T.logGroup, "api-logs", ({ retentionInDays: _, ...i }) => i),
  "sns-encrypted": (r) => change(r, T.topic, "alarms-topic", ({ kmsMasterKeyId: _, ...i }) => i),
  "sns-tls-only": (r) =>
    change(r, T.topicPolicy, "alarms-topic-policy", (i) =>
      editJson(i, "policy", (d) => {
        d.Statement = statements(d).filter((s) => s.Effect !== "Deny");
      }),
    ),
  "kms-key-rotation": (r) => change(r, T.kmsKey, "alarms-key", (i) => ({ ...i, enableKeyRotation: false })),
  "sqs-encrypted": (r) =>
    change(r, T.queue, "customer-notifications-dead-letters", ({ sqsManagedSseEnabled: _, ...i }) => i),
  "eventbridge-target-dead-letter": (r) =>
    change(r, T.eventTarget, "customer-notifications-target", ({ deadLetterConfig: _, ...i }) => i),
  "queues-alarmed": (r) => without(r, T.metricAlarm, "alarms-notify-customer-dead-letters"),
  "alarm-notifies": (r) => change(r, T.metricAlarm, "alarms-api-5xx", (i) => ({ ...i, alarmActions: [] })),
  "lambda-real-payment-gateway": (r) =>
    change(r, T.function, "charge-payment-function", (i) =>
      editEnvironment(i, (variables) => ({ ...variables, PAYMENT_GATEWAY: "sandbox" })),
    ),
  "ssm-parameters-secure-string": (r) =>
    change(r, T.ssmParameter, "stripe-secret-key", (i) => ({ ...i, type: "String" })),
  "eventbridge-order-events-reserved": (r) => without(r, T.eventBusPolicy, "order-events-policy"),
  "aws-provider-default-tags": (r) =>
    change(r, T.awsProvider, "aws", (i) =>
      editJson(i, "defaultTags", (d) => {
        delete (d.tags as Record<string, unknown>).Tier;
      }),
    ),
  "workflow-role-covers-its-integrations": (r) =>
    change(r, T.rolePolicy, "order-workflow-policy", (i) =>
      editJson(i, "policy", (d) => {
        d.Statement = statements(d).filter((s) => s.Sid !== "WorkflowStatesOrders");
      }),
    ),
  "workflow-invokes-only-its-functions": (r) =>
    change(r, T.rolePolicy, "order-workflow-policy", (i) =>
      editJson(i, "policy", (d) => {
        const invoke = statements(d).find((s) => s.Sid === "InvokeWorkflowFunctions") as Statement;
        const arns = invoke.Resource as string[];
        invoke.Resource = [...arns, String(arns[0]).replace(/[a-z-]+:\*$/, "api:*")];
      }),
    ),
  "workflow-invokes-published-versions": machine((i) =>
    editJson(i, "definition", (d) => {
      const parameters = states(d).ChargePayment?.Parameters as Record<string, string>;
      parameters.FunctionName = String(parameters.FunctionName).replace(/:\d+$/, "");
    }),
  ),
  "workflow-task-timeout-above-function-timeout": fn((i) => ({ ...i, timeout: 900 })),
  "one-role-per-function": (r) => {
    const role = r.find((x) => x.name === "validate-order-function")?.inputs.role;
    return change(r, T.function, "api-function", (i) => ({ ...i, role }));
  },
  "every-workload-alarmed": (r) => without(r, T.metricAlarm, "alarms-create-shipment-unexpected-errors"),
  "workflow-and-api-alarmed": (r) => without(r, T.metricAlarm, "alarms-workflow-unusual-failures"),
  "iam-passrole-to-one-service": workflowPolicy((all) => {
    delete sid(all, "PassContainerTaskRoles").Condition;
  }),
  "ecs-task-non-root": container((c) => ({ ...c, user: "root" })),
  "ecs-task-not-privileged": container((c) => ({ ...c, privileged: true })),
  "ecs-task-read-only-root": container((c) => ({ ...c, readonlyRootFilesystem: false })),
  "ecs-task-logging": container(({ logConfiguration: _, ...c }) => c),
  "ecs-task-owned-roles-and-logs": taskDefinition(({ executionRole: _, ...i }) => i),
  "ecs-task-graviton": taskDefinition((i) => ({
    ...i,
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
  })),
  "ecs-container-insights": (r) =>
    change(r, T.ecsCluster, "create-shipment-cluster", (i) => ({
      ...i,
      settings: [{ name: "containerInsights", value: "disabled" }],
    })),
  "ecr-scan-on-push": repository((i) => ({ ...i, imageScanningConfiguration: { scanOnPush: false } })),
  "ecr-immutable-tags": repository((i) => ({ ...i, imageTagMutability: "MUTABLE" })),
  "ecs-task-definition-keeps-revisions": taskDefinition(({ skipDestroy: _, ...i }) => i),
  "ecr-repository-keeps-images": repository((i) => ({ ...i, forceDelete: true })),
  "ecr-image-content-tag": (r) =>
    change(r, T.awsxImage, "create-shipment-image", ({ imageTag: _, ...i }) => i),
  "sg-no-ingress": (r) =>
    change(r, T.securityGroup, "create-shipment-security-group", (i) => ({
      ...i,
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    })),
  "workflow-stuck-states-alarmed": (r) => without(r, T.metricAlarm, "alarms-workflow-needs-attention"),
  "workflow-runs-only-its-task-definitions": workflowPolicy((all) => {
    const run = sid(all, "RunContainerTask");
    run.Resource = (run.Resource as string[]).map((arn) => arn.replace("create-shipment", "anything-else"));
  }),
  "workflow-passes-only-task-roles": workflowPolicy((all) => {
    const pass = sid(all, "PassContainerTaskRoles");
    pass.Resource = [...(pass.Resource as string[]), "arn:aws:iam::123456789012:role/admin"];
  }),
};

/** The same rules see the children awsx registers in a real preview: an ECS task definition's JSON. */
const CHILD_TASK_DEFINITION: ResourceUnderTest = {
  type: T.ecsTaskDefinition,
  name: "create-shipment-task-definition-child",
  parent: "awsx:ecs:FargateTaskDefinition::create-shipment-task-definition",
  inputs: {
    family: "orderflow-prod-create-shipment",
    skipDestroy: true,
    runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
    containerDefinitions: JSON.stringify([
      {
        name: "create-shipment",
        user: "1000:1000",
        privileged: false,
        readonlyRootFilesystem: true,
        linuxParameters: { capabilities: { drop: ["ALL"] } },
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": "/aws/ecs/orderflow-prod-create-shipment",
            "awslogs-region": "eu-central-1",
            "awslogs-stream-prefix": "create-shipment",
          },
        },
      },
    ]),
  },
};

/** More ways to break some rules: other resource types and the other half of what a rule covers. */
const MORE_BREAKERS: readonly [rule: string, how: string, breaker: (resources: Resources) => Resources][] = [
  [
    "lambda-stream-consumer-parks-failures",
    "the stream mapping retries forever without reporting failed records",
    (r) =>
      change(r, T.eventSourceMapping, "outbox-stream", (i) => ({
        ...i,
        maximumRetryAttempts: -1,
        functionResponseTypes: [],
      })),
  ],
  [
    "every-workload-alarmed",
    "a function loses its throttles alarm",
    (r) => without(r, T.metricAlarm, "alarms-api-throttles"),
  ],
  [
    "every-workload-alarmed",
    "a function's unexpected-errors filter is gone",
    (r) => without(r, T.logMetricFilter, "alarms-validate-order-unexpected-errors-filter"),
  ],
  [
    "eventbridge-order-events-reserved",
    "the bus policy denies the outbox's role too",
    (r) =>
      change(r, T.eventBusPolicy, "order-events-policy", (i) =>
        editJson(i, "policy", (d) => {
          const condition = (statements(d)[0] as Statement).Condition as Record<
            string,
            Record<string, unknown>
          >;
          condition.ArnNotEquals = { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/someone-else"] };
        }),
      ),
  ],
  [
    "eventbridge-order-events-reserved",
    "the bus policy allows instead of denying",
    (r) =>
      change(r, T.eventBusPolicy, "order-events-policy", (i) =>
        editJson(i, "policy", (d) => {
          (statements(d)[0] as Statement).Effect = "Allow";
        }),
      ),
  ],
  [
    "apigw-route-authorization",
    "a JWT route requires no scope",
    (r) => change(r, T.route, "orders-api-get-orders", ({ authorizationScopes: _, ...i }) => i),
  ],
  [
    "workflow-and-api-alarmed",
    "the API 5xx alarm is gone",
    (r) => without(r, T.metricAlarm, "alarms-api-5xx"),
  ],
  [
    "workflow-stuck-states-alarmed",
    "the RecordingFailed filter watches another log group",
    (r) =>
      change(r, T.logMetricFilter, "alarms-workflow-recording-failed-filter", (i) => ({
        ...i,
        logGroupName: "/aws/lambda/elsewhere",
      })),
  ],
  [
    "workflow-runs-only-its-task-definitions",
    "RunTask loses its cluster condition",
    workflowPolicy((all) => {
      delete sid(all, "RunContainerTask").Condition;
    }),
  ],
  [
    "workflow-passes-only-task-roles",
    "the execution role can no longer be passed",
    workflowPolicy((all) => {
      const pass = sid(all, "PassContainerTaskRoles");
      pass.Resource = (pass.Resource as string[]).slice(0, 1);
    }),
  ],
  [
    "sg-no-ingress",
    "a separate ingress rule resource",
    (r) => [...r, { type: T.securityGroupIngressRule, name: "ssh", parent: null, inputs: { fromPort: 22 } }],
  ],
  [
    "sfn-alias-routes-to-published-versions",
    "a canary routes to the same version twice",
    alias((routes) => [routes[0] as Inputs, { ...(routes[0] as Inputs), weight: 0 }]),
  ],
  [
    "sfn-alias-routes-to-published-versions",
    "a canary routes to an unversioned ARN",
    alias(([route]) => [
      { ...(route as Inputs), weight: 90 },
      { stateMachineVersionArn: String(route?.stateMachineVersionArn).replace(/:\d+$/, ""), weight: 10 },
    ]),
  ],
  [
    "ecs-task-definition-keeps-revisions",
    "an aws.ecs.TaskDefinition child that deregisters replaced revisions",
    (r) => [
      ...r,
      { ...CHILD_TASK_DEFINITION, inputs: { ...CHILD_TASK_DEFINITION.inputs, skipDestroy: false } },
    ],
  ],
  [
    "ecs-task-non-root",
    "an aws.ecs.TaskDefinition child running as root",
    (r) => [...r, childWith({ user: "0" })],
  ],
  [
    "ecs-task-read-only-root",
    "an aws.ecs.TaskDefinition child with a writable root",
    (r) => [...r, childWith({ readonlyRootFilesystem: false })],
  ],
  [
    "ecr-immutable-tags",
    "an aws.ecr.Repository child with mutable tags",
    (r) => [
      ...r,
      {
        type: T.ecrRepository,
        name: "child-repository",
        parent: null,
        inputs: { imageTagMutability: "MUTABLE", imageScanningConfiguration: { scanOnPush: true } },
      },
    ],
  ],
];

function childWith(containerEdit: Inputs): ResourceUnderTest {
  const [definition] = JSON.parse(String(CHILD_TASK_DEFINITION.inputs.containerDefinitions)) as Inputs[];
  return {
    ...CHILD_TASK_DEFINITION,
    inputs: {
      ...CHILD_TASK_DEFINITION.inputs,
      containerDefinitions: JSON.stringify([{ ...definition, ...containerEdit }]),
    },
  };
}

describe(`policy pack ${POLICY_PACK_NAME}`, () => {
  let baseline: Resources;

  beforeAll(async () => {
    baseline = [...(await synthStack("prod", CONTAINER_VARIANT)).document.resources];
  }, 60_000);

  it("has at least 25 rules, each with its own name, description and remediation", () => {
    const names = policies.map((p) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const field of ["name", "description", "remediationSteps"] as const) {
      const values = policies.map((p) => p[field]);
      expect(new Set(values).size, `a ${field} repeats`).toBe(policies.length);
    }
  });

  it("covers the cdk-nag and Checkov checks that have an analogue here", () => {
    const analogues = policies.flatMap((p) => p.tags ?? []);
    for (const rule of ["AwsSolutions-L1", "AwsSolutions-SF1", "AwsSolutions-SF2", "AwsSolutions-APIG1"]) {
      expect(analogues).toContain(rule);
    }
    for (const rule of [
      "AwsSolutions-APIG4",
      "AwsSolutions-IAM4",
      "AwsSolutions-IAM5",
      "AwsSolutions-DDB3",
    ]) {
      expect(analogues).toContain(rule);
    }
    for (const rule of [
      "AwsSolutions-KMS5",
      "AwsSolutions-SNS3",
      "CKV_AWS_50",
      "CKV_AWS_115",
      "CKV_AWS_338",
    ]) {
      expect(analogues).toContain(rule);
    }
    for (const rule of ["CKV_AWS_301", "CKV_AWS_45"]) expect(analogues).toContain(rule);
    for (const rule of ["AwsSolutions-ECS4", "AwsSolutions-ECS7", "SecurityHub-ECS.4", "SecurityHub-ECS.5"])
      expect(analogues).toContain(rule);
    for (const rule of ["SecurityHub-ECR.1", "SecurityHub-ECR.2"]) expect(analogues).toContain(rule);
  });

  it("checks the container stack it breaks: the baseline has a container task and an ECS state", () => {
    expect(baseline.filter((r) => r.type === T.awsxTaskDefinition).map((r) => r.name)).toEqual([
      "create-shipment-task-definition",
    ]);
    const machine = baseline.find((r) => r.type === T.stateMachine);
    expect(String(machine?.inputs.definition)).toContain("arn:aws:states:::ecs:runTask.waitForTaskToken");
  });

  it("reads a compliant aws.ecs.TaskDefinition child (what a real preview shows) without a finding", async () => {
    const names = [
      "ecs-task-non-root",
      "ecs-task-not-privileged",
      "ecs-task-read-only-root",
      "ecs-task-logging",
    ];
    const rules = policies.filter((p) => names.includes(p.name));
    expect(await runPolicies([CHILD_TASK_DEFINITION], rules)).toEqual([]);
  });

  it.each(MORE_BREAKERS)("%s also fires when %s", async (name, _how, breaker) => {
    // Prepare
    const policy = policies.find((p) => p.name === name);
    if (policy === undefined) throw new Error(`no rule ${name}`);

    // Act
    const violations = await runPolicies(breaker(baseline), [policy]);

    // Assess
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.policy === name)).toBe(true);
  });

  it("has a breaking example for every rule and none for rules that do not exist", () => {
    expect(Object.keys(BREAKERS).sort()).toEqual(policies.map((p) => p.name).sort());
  });

  it.each(policies.map((p) => [p.name, p] as const))(
    "%s fires on a resource that breaks it, and only then",
    async (name, policy) => {
      // Prepare
      const broken = (BREAKERS[name] as (r: Resources) => Resources)(baseline);

      // Act
      const before = await runPolicies(baseline, [policy]);
      const after = await runPolicies(broken, [policy]);

      // Assess
      expect(before).toEqual([]);
      expect(after.length).toBeGreaterThan(0);
      for (const violation of after)
        expect(violation).toMatchObject({ policy: name, enforcementLevel: "mandatory" });
    },
  );

  it("accepts a canary: the stable version beside the new one, together 100 %", async () => {
    // Prepare
    const policy = policies.filter((p) => p.name === "sfn-alias-routes-to-published-versions");
    const canary = alias(([route]) => [
      { ...(route as Inputs), weight: 90 },
      { stateMachineVersionArn: String(route?.stateMachineVersionArn).replace(/:\d+$/, ":2"), weight: 10 },
    ]);

    // Act
    const violations = await runPolicies(canary(baseline), policy);

    // Assess
    expect(policy).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it("skips a rule the stack's pack config disables", async () => {
    const broken = (BREAKERS["dynamodb-point-in-time-recovery"] as (r: Resources) => Resources)(baseline);
    const violations = await runPolicies(broken, policies, { "dynamodb-point-in-time-recovery": "disabled" });
    expect(violations).toEqual([]);
  });
});
