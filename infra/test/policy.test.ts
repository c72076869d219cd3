/**
 * Each rule of the pack fires on a resource that breaks it, and stays quiet on the compliant original.
 * The baseline is the prod synth (no rule disabled there); the per-stack "0 violations" runs are in the
 * stack suites.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type ResourceUnderTest, runPolicies } from "../src/policy/offline";
import { POLICY_PACK_NAME, policies } from "../src/policy/policies";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import { synthesize } from "../src/synth/synthesize";
import { stackFile } from "./harness";

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

/** For every rule: a way to break the compliant stack that the rule must catch. */
const BREAKERS: Readonly<Record<string, (resources: Resources) => Resources>> = {
  "lambda-latest-node-runtime": fn((i) => ({ ...i, runtime: "nodejs20.x" })),
  "lambda-arm64": fn((i) => ({ ...i, architectures: ["x86_64"] })),
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
  "sfn-alias-routes-to-one-version": (r) =>
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
  "alarm-notifies": (r) => change(r, T.metricAlarm, "alarms-api-5xx", (i) => ({ ...i, alarmActions: [] })),
  "aws-provider-default-tags": (r) =>
    change(r, T.awsProvider, "aws", (i) =>
      editJson(i, "defaultTags", (d) => {
        delete (d.tags as Record<string, unknown>).Tier;
      }),
    ),
  "workflow-role-covers-its-integrations": (r) =>
    change(r, T.rolePolicy, "order-workflow-policy", (i) =>
      editJson(i, "policy", (d) => {
        d.Statement = statements(d).filter((s) => s.Sid !== "WriteOrderStatus");
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
  "every-function-alarmed": (r) => without(r, T.metricAlarm, "alarms-api-errors"),
  "workflow-and-api-alarmed": (r) => without(r, T.metricAlarm, "alarms-api-5xx"),
};

describe(`policy pack ${POLICY_PACK_NAME}`, () => {
  let baseline: Resources;

  beforeAll(async () => {
    baseline = [...(await synthesize(stackFile("prod"))).document.resources];
  }, 60_000);

  it("has at least 25 rules, each named once, described and with a remediation", () => {
    const names = policies.map((p) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(25);
    expect(new Set(names).size).toBe(names.length);
    for (const policy of policies) {
      expect(policy.description.length, policy.name).toBeGreaterThan(20);
      expect(policy.remediationSteps, policy.name).toBeTruthy();
    }
  });

  it("covers the cdk-nag and Checkov analogues the issue lists", () => {
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

  it("skips a rule the stack's pack config disables", async () => {
    const broken = (BREAKERS["dynamodb-point-in-time-recovery"] as (r: Resources) => Resources)(baseline);
    const violations = await runPolicies(broken, policies, { "dynamodb-point-in-time-recovery": "disabled" });
    expect(violations).toEqual([]);
  });
});
