import type { PolicyDocument } from "./policy-document";

/**
 * The only places a `*` may appear in an Allow statement's Resource, each with the AWS reason. No exception
 * allows a wildcard in an action: every action is spelled out.
 */
export interface WildcardException {
  readonly id: string;
  /** The statement's actions must all be among these for the exception to apply. */
  readonly actions: readonly string[];
  /** The resource shape the exception allows (the wildcard is only where AWS leaves no choice). */
  readonly resource: RegExp;
  /** `identity` for policies attached to roles; `key-policy` for KMS key policies. */
  readonly policyKind: PolicyKind;
  readonly reason: string;
}

export type PolicyKind = "identity" | "key-policy";

const ARN_PREFIX = String.raw`arn:aws[\w-]*:`;
const REGION = String.raw`[a-z]{2}(?:-[a-z]+)+-\d`;
const ACCOUNT = String.raw`\d{12}`;

export const XRAY_WRITE_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
] as const;

export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
] as const;

export const LOG_STREAM_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

/** The calls a worker makes with the task token Step Functions handed it (`.waitForTaskToken`). */
export const TASK_TOKEN_ACTIONS = [
  "states:SendTaskSuccess",
  "states:SendTaskFailure",
  "states:SendTaskHeartbeat",
] as const;

export const ECR_AUTHORIZATION_ACTIONS = ["ecr:GetAuthorizationToken"] as const;

export const WILDCARD_EXCEPTIONS: readonly WildcardException[] = [
  {
    id: "xray-write",
    actions: XRAY_WRITE_ACTIONS,
    resource: /^\*$/,
    policyKind: "identity",
    reason:
      "AWS X-Ray does not support resource-level permissions for sending traces or reading sampling rules; " +
      'the only Resource AWS accepts for these actions is "*".',
  },
  {
    id: "step-functions-log-delivery",
    actions: LOG_DELIVERY_ACTIONS,
    resource: /^\*$/,
    policyKind: "identity",
    reason:
      "Step Functions writes execution logs through CloudWatch Logs vended log delivery; the log-delivery " +
      'APIs do not support resource-level permissions, and AWS documents Resource "*" for them.',
  },
  {
    id: "own-log-streams",
    actions: LOG_STREAM_ACTIONS,
    resource: new RegExp(`^${ARN_PREFIX}logs:${REGION}:${ACCOUNT}:log-group:[^*:]+:log-stream:\\*$`),
    policyKind: "identity",
    reason:
      "Lambda (date, version, instance id) and the ECS awslogs driver (prefix, container, task id) name each " +
      "log stream at run time, so the stream part of the ARN cannot be known in advance; the wildcard is " +
      "confined to the function's or task's own log group.",
  },
  {
    id: "workflow-function-versions",
    actions: ["lambda:InvokeFunction"],
    resource: new RegExp(`^${ARN_PREFIX}lambda:${REGION}:${ACCOUNT}:function:[^*:]+:\\*$`),
    policyKind: "identity",
    reason:
      "Every deploy publishes new function versions, and executions still running on an earlier " +
      "state-machine version keep invoking the versions they started with; the wildcard is only the " +
      "version qualifier of one named function.",
  },
  {
    id: "ecs-task-definition-revisions",
    actions: ["ecs:RunTask"],
    resource: new RegExp(`^${ARN_PREFIX}ecs:${REGION}:${ACCOUNT}:task-definition/[^*:/]+:\\*$`),
    policyKind: "identity",
    reason:
      "Every deploy that changes the container registers a new task-definition revision, and executions " +
      "still running on an earlier state-machine version start the revision they were built with; the " +
      "wildcard is only the revision number of one named family.",
  },
  {
    id: "ecr-authorization-token",
    actions: ECR_AUTHORIZATION_ACTIONS,
    resource: /^\*$/,
    policyKind: "identity",
    reason:
      "ecr:GetAuthorizationToken returns a registry-wide login token and does not support resource-level " +
      'permissions; AWS accepts only Resource "*". Pulling layers is still limited to one repository.',
  },
  {
    id: "task-token-calls",
    actions: TASK_TOKEN_ACTIONS,
    resource: /^\*$/,
    policyKind: "identity",
    reason:
      "AWS's service authorization reference lists no resource type for SendTaskSuccess, SendTaskFailure " +
      'and SendTaskHeartbeat, so the documented Resource is "*". Public reports show grants scoped to a ' +
      "state machine working for unversioned executions, but none covers executions on a published version " +
      "behind an alias, and a denied heartbeat times out every container order. The task token is the " +
      "capability: an unguessable value handed to one task; the role can do nothing else with it.",
  },
  {
    id: "own-executions",
    actions: ["states:DescribeExecution", "states:GetExecutionHistory"],
    resource: new RegExp(`^${ARN_PREFIX}states:${REGION}:${ACCOUNT}:execution:[^*:]+:\\*$`),
    policyKind: "identity",
    reason:
      "The reconciler looks up the execution of each order it finds PENDING; executions are named by " +
      "order id, so their ARNs are not known in advance. The wildcard is only the execution name under " +
      "one named state machine.",
  },
  {
    id: "kms-key-policy-self",
    actions: [],
    resource: /^\*$/,
    policyKind: "key-policy",
    reason:
      'In a KMS key policy, Resource "*" means "this key": a key policy only ever governs the key it is ' +
      "attached to.",
  },
];

/** Every wildcard in an Allow statement that no exception covers, as readable findings. */
export function wildcardFindings(document: PolicyDocument, kind: PolicyKind): string[] {
  const findings: string[] = [];
  document.Statement.forEach((statement, index) => {
    if (statement.Effect !== "Allow") return;
    const label = statement.Sid ?? `statement ${index}`;
    for (const action of statement.Action) {
      if (action.includes("*")) findings.push(`${label}: action ${action} uses a wildcard`);
    }
    for (const resource of statement.Resource) {
      if (!resource.includes("*")) continue;
      if (!exceptionFor(statement.Action, resource, kind)) {
        findings.push(`${label}: resource ${resource} uses a wildcard no documented exception covers`);
      }
    }
  });
  return findings;
}

/** The exception that allows `resource` for these actions, if any. */
export function exceptionFor(
  actions: readonly string[],
  resource: string,
  kind: PolicyKind,
): WildcardException | undefined {
  return WILDCARD_EXCEPTIONS.find(
    (exception) =>
      exception.policyKind === kind &&
      exception.resource.test(resource) &&
      (kind === "key-policy" || actions.every((action) => exception.actions.includes(action))),
  );
}

/** Parses a policy document from its JSON text, normalising single strings to lists. */
export function parsePolicyDocument(json: string): PolicyDocument {
  const raw = JSON.parse(json) as { Version: "2012-10-17"; Statement: unknown };
  const statements = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  return {
    Version: raw.Version,
    Statement: statements.map((s: Record<string, unknown>) => ({
      ...s,
      Effect: s.Effect as "Allow" | "Deny",
      Action: asList(s.Action),
      Resource: asList(s.Resource),
    })),
  };
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
