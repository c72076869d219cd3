import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson, type StatementInput } from "../iam/policy-document";

export interface AlarmsArgs {
  /** Alarm and topic names start with it, e.g. `orderflow-dev-`. */
  readonly namePrefix: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly stateMachineArn: pulumi.Input<string>;
  /** Function names keyed by the short name used in alarm names (the manifest name). */
  readonly functions: Readonly<Record<string, pulumi.Input<string>>>;
  readonly apiId: pulumi.Input<string>;
  /** On-call address; subscribed when set. */
  readonly email?: pulumi.Input<string>;
  /** Chat/paging webhook; its URL carries a token, so it must arrive as a Pulumi secret. */
  readonly webhookUrl?: pulumi.Input<string>;
}

interface MetricAlarm {
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
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
 * configured subscriptions, and alarms on failed, timed-out and throttled executions, on each function's
 * errors and throttles, and on API 5xx responses.
 */
export class Alarms extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly alarmNames: pulumi.Output<string>[];

  constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:observability:Alarms", name, {}, opts);

    // CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, hence our own key.
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "Encrypts the alarm topic",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: policyJson(keyPolicy(args)),
      },
      { parent: this },
    );

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

    this.alarmNames = metricAlarms(args).map(
      (alarm) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-${alarm.id}`,
          {
            name: pulumi.interpolate`${args.namePrefix}${alarm.id}`,
            alarmDescription: alarm.description,
            namespace: alarm.namespace,
            metricName: alarm.metricName,
            dimensions: alarm.dimensions,
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [topic.arn],
            okActions: [topic.arn],
          },
          { parent: this },
        ).name,
    );

    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn, alarmNames: this.alarmNames });
  }
}

/** Which metrics page someone: each is a count that should stay at zero. */
function metricAlarms(args: AlarmsArgs): MetricAlarm[] {
  const workflow = (metricName: string, what: string): MetricAlarm => ({
    id: `workflow-${kebab(metricName)}`,
    description: `Order workflow: ${what}. Look up the execution by order id; its history shows the cause.`,
    namespace: "AWS/States",
    metricName,
    dimensions: { StateMachineArn: args.stateMachineArn },
  });
  return [
    workflow("ExecutionsFailed", "an execution failed"),
    workflow("ExecutionsTimedOut", "an execution timed out"),
    workflow("ExecutionThrottled", "executions are being throttled"),
    ...Object.entries(args.functions).flatMap(([short, functionName]): MetricAlarm[] => [
      {
        id: `${short}-errors`,
        description: `Function ${short} raised unhandled errors (business errors are results, not errors).`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: functionName },
      },
      {
        id: `${short}-throttles`,
        description: `Function ${short} was throttled: its reserved concurrency is exhausted.`,
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions: { FunctionName: functionName },
      },
    ]),
    {
      id: "api-5xx",
      description: "Orders API answered with server errors.",
      namespace: "AWS/ApiGateway",
      metricName: "5xx",
      dimensions: { ApiId: args.apiId },
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
