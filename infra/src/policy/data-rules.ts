import { parsePolicyDocument } from "../iam/wildcards";
import { RESOURCE_TYPES as T } from "./resource-types";
import { asArray, at, parsed, resourceRule } from "./rule";

/** Tags the provider puts on every resource; cost reports and on-call rely on them. */
const REQUIRED_TAGS = ["Project", "Stack", "Tier"];

export const dataRules = [
  resourceRule(
    {
      name: "dynamodb-point-in-time-recovery",
      description: "Tables keep point-in-time recovery",
      analogue: "AwsSolutions-DDB3",
      remediation: "Set orderflow:pointInTimeRecovery to true.",
      types: [T.table],
    },
    function* (props) {
      if (at(props, "pointInTimeRecovery.enabled") !== true) yield "point-in-time recovery is off";
    },
  ),
  resourceRule(
    {
      name: "dynamodb-deletion-protection",
      description: "Tables cannot be deleted by a stray `pulumi destroy` or console click",
      remediation: "Set orderflow:deletionProtection to true.",
      types: [T.table],
    },
    function* (props) {
      if (props.deletionProtectionEnabled !== true) yield "deletion protection is off";
    },
  ),
  resourceRule(
    {
      name: "dynamodb-encryption",
      description: "Tables are encrypted at rest with a KMS key",
      remediation: "Set serverSideEncryption.enabled to true.",
      types: [T.table],
    },
    function* (props) {
      if (at(props, "serverSideEncryption.enabled") !== true) yield "server-side encryption with KMS is off";
    },
  ),
  resourceRule(
    {
      name: "dynamodb-on-demand",
      description: "Tables bill per request (no capacity to size or forget)",
      remediation: 'Set billingMode to "PAY_PER_REQUEST".',
      types: [T.table],
    },
    function* (props) {
      if (props.billingMode !== "PAY_PER_REQUEST") yield `billing mode is ${String(props.billingMode)}`;
    },
  ),
  resourceRule(
    {
      name: "log-group-retention",
      description: "Log groups expire their logs",
      analogue: "CKV_AWS_338",
      remediation: "Set retentionInDays (orderflow:logRetentionDays).",
      types: [T.logGroup],
    },
    function* (props) {
      const days = props.retentionInDays;
      if (typeof days !== "number" || days < 1) yield "logs are kept forever";
    },
  ),
  resourceRule(
    {
      name: "sns-encrypted",
      description: "Topics are encrypted with a customer-managed KMS key",
      analogue: "AwsSolutions-SNS2",
      remediation: "Set kmsMasterKeyId to a key whose policy lets the publishers use it.",
      types: [T.topic],
    },
    function* (props) {
      if (!props.kmsMasterKeyId) yield "topic is not encrypted";
      else if (String(props.kmsMasterKeyId).endsWith("alias/aws/sns")) {
        yield "topic uses the AWS-managed key, which CloudWatch alarms cannot publish with";
      }
    },
  ),
  resourceRule(
    {
      name: "sns-tls-only",
      description: "Topics refuse publishing without TLS",
      analogue: "AwsSolutions-SNS3",
      remediation: "Add a Deny statement for sns:Publish when aws:SecureTransport is false.",
      types: [T.topicPolicy],
    },
    function* (props) {
      const statements = typeof props.policy === "string" ? parsePolicyDocument(props.policy).Statement : [];
      const deniesPlainText = statements.some(
        (s) =>
          s.Effect === "Deny" &&
          s.Action.includes("sns:Publish") &&
          String(at(s.Condition, "Bool.aws:SecureTransport")) === "false",
      );
      if (!deniesPlainText) yield "publishing without TLS is not denied";
    },
  ),
  resourceRule(
    {
      name: "kms-key-rotation",
      description: "Customer-managed keys rotate yearly",
      analogue: "AwsSolutions-KMS5",
      remediation: "Set enableKeyRotation to true.",
      types: [T.kmsKey],
    },
    function* (props) {
      if (props.enableKeyRotation !== true) yield "key rotation is off";
    },
  ),
  resourceRule(
    {
      name: "alarm-notifies",
      description: "Alarms notify someone when they fire and when they recover",
      remediation: "Set alarmActions and okActions to the alarm topic.",
      types: [T.metricAlarm],
    },
    function* (props) {
      if (asArray(props.alarmActions).length === 0) yield "alarm has no action";
      if (asArray(props.okActions).length === 0) yield "alarm does not report recovery";
    },
  ),
  resourceRule(
    {
      name: "aws-provider-default-tags",
      description: `The AWS provider tags every resource with ${REQUIRED_TAGS.join(", ")}`,
      remediation: "Create the provider with defaultTags (src/provider.ts).",
      types: [T.awsProvider],
    },
    function* (props) {
      const tags = (at(parsed(props.defaultTags), "tags") ?? {}) as Record<string, unknown>;
      for (const tag of REQUIRED_TAGS) if (!tags[tag]) yield `default tag ${tag} is missing`;
    },
  ),
  resourceRule(
    {
      name: "ssm-parameters-secure-string",
      description: "SSM parameters (the payment provider's key) are SecureString, encrypted at rest",
      remediation: 'Declare the parameter with type "SecureString" and its value from Pulumi secret config.',
      types: [T.ssmParameter],
    },
    function* (props) {
      if (props.type !== "SecureString")
        yield `parameter ${String(props.name)} is ${String(props.type)}, not SecureString`;
    },
  ),
];
