import { NeedsAttention, RecordingFailed } from "@orderflow/workflow";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  FAILURE_RATE_ALARM,
  failStateEnteredPattern,
  STUCK_STATES,
  UNEXPECTED_ERROR_PATTERN,
} from "../alarm-signals";
import { policyJson, type StatementInput } from "../iam/policy-document";

export interface AlarmsArgs {
  /** Alarm and topic names start with it, e.g. `orderflow-dev-`. */
  readonly namePrefix: pulumi.Input<string>;
  /** The account that administers the topic's key and whose CloudWatch may publish to the topic. */
  readonly accountId: pulumi.Input<string>;
  /** ARN partition of the account's root principal, e.g. `aws`. */
  readonly partition: pulumi.Input<string>;
  /** The workflow whose executions are watched. */
  readonly stateMachineArn: pulumi.Input<string>;
  /** The state machine's execution log group (level ALL), where Fail states are counted. */
  readonly stateMachineLogGroupName: pulumi.Input<string>;
  /** Functions keyed by the short name used in alarm names (the manifest name). Plain keys. */
  readonly functions: Readonly<Record<string, LoggedFunction>>;
  /**
   * Container tasks keyed by manifest name: their log groups, for unexpected errors. Plain keys.
   * @default {}
   */
  readonly containers?: Readonly<Record<string, { readonly logGroupName: pulumi.Input<string> }>>;
  /** The HTTP API whose 5xx answers page. */
  readonly apiId: pulumi.Input<string>;
  /**
   * Dead-letter queues keyed by the manifest name of the function whose work they park; any message in
   * one pages. Plain keys.
   * @default {}
   */
  readonly deadLetterQueues?: Readonly<Record<string, DeadLetterQueue>>;
  /** On-call address; subscribed when set. */
  readonly email?: pulumi.Input<string>;
  /** Chat/paging webhook; its URL carries a token, so it must arrive as a Pulumi secret. */
  readonly webhookUrl?: pulumi.Input<string>;
}

export interface LoggedFunction {
  /** Throttles are counted per function name. */
  readonly functionName: pulumi.Input<string>;
  /** Its own log group (JSON logs), where unexpected errors are counted. */
  readonly logGroupName: pulumi.Input<string>;
}

export interface DeadLetterQueue {
  readonly queueName: pulumi.Input<string>;
  /** What is parked there and what the person paged has to do. */
  readonly advice: string;
}

/** How an alarm reads its metric: one named metric, or a metric-math expression over several. */
type AlarmMetric =
  | {
      readonly namespace: pulumi.Input<string>;
      readonly metricName: string;
      readonly dimensions?: Readonly<Record<string, pulumi.Input<string>>>;
      readonly period: number;
      /** @default "Sum" (counts); gauges such as a queue's depth use "Maximum" */
      readonly statistic?: "Sum" | "Maximum";
    }
  | { readonly metricQueries: aws.types.input.cloudwatch.MetricAlarmMetricQuery[] };

interface AlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly metric: AlarmMetric;
  /** Pages when the value is at least this (a count), or above it for rates. */
  readonly threshold: number;
  readonly comparison: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold";
  /** Set for log-derived metrics: the filter that produces the metric from a log group. */
  readonly filter?: { readonly logGroupName: pulumi.Input<string>; readonly pattern: string };
}

/** Everything an account administrator needs to manage the key, spelled out instead of `kms:*`. */
const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * On-call signal: an encrypted SNS topic (customer-managed key with rotation, TLS-only publishing) with the
 * configured subscriptions, and alarms that page only for what needs a person: an unusual share of failed
 * executions, timed-out and throttled executions, orders ending in NeedsAttention or RecordingFailed,
 * unexpected (not business) errors of each function and container task, throttled functions, API 5xx,
 * and any message in a dead-letter queue.
 *
 * @example
 * ```ts
 * const alarms = new Alarms("alarms", {
 *   namePrefix: "orderflow-prod-",
 *   accountId,
 *   partition: "aws",
 *   stateMachineArn: workflow.arn,
 *   stateMachineLogGroupName: workflow.logGroupName,
 *   functions: { api: { functionName: api.functionName, logGroupName: api.logGroupName } },
 *   containers: { "create-shipment": { logGroupName: shipment.logGroupName } },
 *   apiId: ordersApi.apiId,
 *   email: "orderflow-oncall@example.com",
 * }, { providers: [provider] });
 * ```
 */
export class Alarms extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly alarmNames: pulumi.Output<string>[];

  constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:observability:Alarms", name, {}, opts);

    const key = this.key(name, args);
    const topic = this.topic(name, args, key);
    this.subscriptions(name, args, topic);
    const alarms = alarmSpecs(args).map((spec) => this.alarm(name, args, spec, topic));

    this.alarmNames = alarms.map((alarm) => alarm.name);
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn, alarmNames: this.alarmNames });
  }

  /** CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, hence our own key. */
  private key(name: string, args: AlarmsArgs): aws.kms.Key {
    return new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the alarm topic",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: policyJson(keyPolicy(args)),
      },
      { parent: this },
    );
  }

  /** The encrypted topic, and its policy: only this account's CloudWatch publishes, only over TLS. */
  private topic(name: string, args: AlarmsArgs, key: aws.kms.Key): aws.sns.Topic {
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: pulumi.interpolate`${args.namePrefix}alarms`, kmsMasterKeyId: key.arn },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      { arn: topic.arn, policy: policyJson(topicPolicy(topic.arn, args.accountId)) },
      { parent: this },
    );
    return topic;
  }

  /** The on-call address and the webhook, each when configured. */
  private subscriptions(name: string, args: AlarmsArgs, topic: aws.sns.Topic): void {
    if (args.email !== undefined) {
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: topic.arn, protocol: "email", endpoint: args.email },
        { parent: this },
      );
    }
    if (args.webhookUrl !== undefined) {
      new aws.sns.TopicSubscription(
        `${name}-webhook`,
        { topic: topic.arn, protocol: "https", endpoint: pulumi.secret(args.webhookUrl) },
        { parent: this },
      );
    }
  }

  /** One alarm notifying the topic when it fires and recovers, after the log filter its metric needs. */
  private alarm(
    name: string,
    args: AlarmsArgs,
    spec: AlarmSpec,
    topic: aws.sns.Topic,
  ): aws.cloudwatch.MetricAlarm {
    const filter = this.metricFilter(name, spec);
    return new aws.cloudwatch.MetricAlarm(
      `${name}-${spec.id}`,
      {
        name: pulumi.interpolate`${args.namePrefix}${spec.id}`,
        alarmDescription: spec.description,
        ...metricArgs(spec.metric),
        evaluationPeriods: 1,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        treatMissingData: "notBreaching",
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      },
      // The metric exists only once its filter does.
      { parent: this, ...(filter && { dependsOn: [filter] }) },
    );
  }

  /** For a log-derived metric, the filter that counts matching log events into it. */
  private metricFilter(name: string, spec: AlarmSpec): aws.cloudwatch.LogMetricFilter | undefined {
    if (spec.filter === undefined || !("namespace" in spec.metric)) return undefined;
    return new aws.cloudwatch.LogMetricFilter(
      `${name}-${spec.id}-filter`,
      {
        logGroupName: spec.filter.logGroupName,
        pattern: spec.filter.pattern,
        metricTransformation: {
          name: spec.metric.metricName,
          namespace: spec.metric.namespace,
          value: "1",
          unit: "Count",
        },
      },
      { parent: this },
    );
  }
}

/** The alarm's metric inputs: one named metric summed per period, or metric-math queries. */
function metricArgs(metric: AlarmMetric) {
  return "namespace" in metric
    ? {
        namespace: metric.namespace,
        metricName: metric.metricName,
        ...(metric.dimensions && { dimensions: metric.dimensions }),
        statistic: metric.statistic ?? "Sum",
        period: metric.period,
      }
    : { metricQueries: metric.metricQueries };
}

/** Where the log-derived metrics live, and the workflow the AWS/States metrics are about. */
interface SpecContext {
  /** The stack's own namespace, so two stacks in one account never mix. */
  readonly namespace: pulumi.Output<string>;
  /** The state machine's metric dimensions. */
  readonly workflow: Readonly<Record<string, pulumi.Input<string>>>;
}

const AT_LEAST_ONE = { threshold: 1, comparison: "GreaterThanOrEqualToThreshold" } as const;

/** What pages someone, and why each is worth waking up for. */
function alarmSpecs(args: AlarmsArgs): AlarmSpec[] {
  const context: SpecContext = {
    namespace: pulumi.interpolate`Orderflow/${args.namePrefix}`.apply((n) => n.replace(/-$/, "")),
    workflow: { StateMachineArn: args.stateMachineArn },
  };
  return [
    ...workflowSpecs(args, context),
    ...Object.entries(args.functions).flatMap(([short, fn]) => functionSpecs(short, fn, context)),
    ...Object.entries(args.containers ?? {}).map(([short, task]) =>
      unexpectedErrors(short, task.logGroupName, "Container task", context),
    ),
    ...Object.entries(args.deadLetterQueues ?? {}).map(([short, queue]) => deadLetters(short, queue)),
    {
      id: "api-5xx",
      description: "Orders API answered with server errors.",
      metric: {
        namespace: "AWS/ApiGateway",
        metricName: "5xx",
        dimensions: { ApiId: args.apiId },
        period: 300,
      },
      ...AT_LEAST_ONE,
    },
  ];
}

/** The workflow's own: unusual failure volume, timed-out and throttled executions, stuck sagas. */
function workflowSpecs(args: AlarmsArgs, { namespace, workflow }: SpecContext): AlarmSpec[] {
  return [
    {
      id: "workflow-unusual-failures",
      description:
        `Unusual failure volume: more than ${FAILURE_RATE_ALARM.percent}% of the order executions started in ` +
        `${FAILURE_RATE_ALARM.periodSeconds / 60} minutes failed (once at least ${FAILURE_RATE_ALARM.minExecutions} ` +
        "started). Single failures are ordinary outcomes (declines, out of stock, invalid orders); many at once " +
        "point at a broken dependency. Compare the executions' errors.",
      metric: { metricQueries: failureRateQueries(workflow) },
      threshold: FAILURE_RATE_ALARM.percent,
      comparison: "GreaterThanThreshold",
    },
    {
      id: "workflow-executions-timed-out",
      description:
        "Order workflow: an execution timed out. Look up the execution by order id; its history shows where.",
      metric: {
        namespace: "AWS/States",
        metricName: "ExecutionsTimedOut",
        dimensions: workflow,
        period: 300,
      },
      ...AT_LEAST_ONE,
    },
    {
      id: "workflow-execution-throttled",
      description: "Order workflow: executions are being throttled (Step Functions quota).",
      metric: {
        namespace: "AWS/States",
        metricName: "ExecutionThrottled",
        dimensions: workflow,
        period: 300,
      },
      ...AT_LEAST_ONE,
    },
    ...STUCK_STATES.map(
      (state): AlarmSpec => ({
        id: `workflow-${kebab(state)}`,
        description: STUCK_STATE_ADVICE[state],
        metric: { namespace, metricName: state, period: 60 },
        ...AT_LEAST_ONE,
        filter: { logGroupName: args.stateMachineLogGroupName, pattern: failStateEnteredPattern(state) },
      }),
    ),
  ];
}

/** What the person paged for a stuck order has to do. */
const STUCK_STATE_ADVICE: Readonly<Record<(typeof STUCK_STATES)[number], string>> = {
  [NeedsAttention]:
    "An order needs a person (NeedsAttention): its item's `incomplete` names the steps to settle (a " +
    "compensation that gave up, a refund held back, a hand-over left unfinished). See docs/operations.md.",
  [RecordingFailed]:
    "An order's outcome was decided but its status write failed for good (RecordingFailed). The " +
    "reconciler records it within its schedule; repeated alarms mean the orders table refuses writes.",
};

/** A function's: unexpected errors in its log group, and throttles of its reserved concurrency. */
function functionSpecs(short: string, fn: LoggedFunction, context: SpecContext): AlarmSpec[] {
  return [
    unexpectedErrors(short, fn.logGroupName, "Function", context),
    {
      id: `${short}-throttles`,
      description: `Function ${short} was throttled: its reserved concurrency is exhausted.`,
      metric: {
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions: { FunctionName: fn.functionName },
        period: 300,
      },
      ...AT_LEAST_ONE,
    },
  ];
}

/** Events that never reached their function: each one is a customer who was not told something. */
function deadLetters(short: string, queue: DeadLetterQueue): AlarmSpec {
  return {
    id: `${short}-dead-letters`,
    description: queue.advice,
    metric: {
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: queue.queueName },
      period: 300,
      statistic: "Maximum",
    },
    ...AT_LEAST_ONE,
  };
}

/** Errors a workload logged that are not business outcomes (those are logged at WARN). */
function unexpectedErrors(
  short: string,
  logGroupName: pulumi.Input<string>,
  what: string,
  { namespace }: SpecContext,
): AlarmSpec {
  return {
    id: `${short}-unexpected-errors`,
    description:
      `${what} ${short} logged an unexpected error (business errors are logged at WARN and do not count). ` +
      "Its log group has the error with the order and execution ids.",
    metric: { namespace, metricName: `${short}-unexpected-errors`, period: 300 },
    ...AT_LEAST_ONE,
    filter: { logGroupName, pattern: UNEXPECTED_ERROR_PATTERN },
  };
}

/** Failed executions as a percentage of started ones, 0 while too few started to mean anything. */
function failureRateQueries(
  dimensions: Readonly<Record<string, pulumi.Input<string>>>,
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  const { periodSeconds: period, minExecutions } = FAILURE_RATE_ALARM;
  const metric = (id: string, metricName: string) => ({
    id,
    metric: { namespace: "AWS/States", metricName, dimensions, period, stat: "Sum" },
    returnData: false,
  });
  return [
    metric("failed", "ExecutionsFailed"),
    metric("started", "ExecutionsStarted"),
    {
      id: "failure_rate",
      expression: `IF(started >= ${minExecutions}, 100 * FILL(failed, 0) / started, 0)`,
      label: "Failed executions (% of started)",
      returnData: true,
    },
  ];
}

function keyPolicy(args: AlarmsArgs): StatementInput[] {
  return [
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: pulumi.interpolate`arn:${args.partition}:iam::${args.accountId}:root` },
      Action: KEY_ADMIN_ACTIONS,
      Resource: ["*"],
    },
    {
      Sid: "CloudWatchPublishesAlarms",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["*"],
      Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
    },
  ];
}

function topicPolicy(topicArn: pulumi.Input<string>, accountId: pulumi.Input<string>): StatementInput[] {
  return [
    {
      Sid: "CloudWatchPublishesAlarms",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["sns:Publish"],
      Resource: [topicArn],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["sns:Publish"],
      Resource: [topicArn],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
}

function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}
