import type { Policies } from "@pulumi/policy";
import { RESOURCE_TYPES as T } from "./resource-types";
import { at, resourceRule, stackRule } from "./rule";

/** Events that must not be lost on the way: encrypted queues, dead-letter targets, queues someone watches. */
export const deliveryRules: Policies = [
  resourceRule(
    {
      name: "sqs-encrypted",
      description: "Queues are encrypted at rest",
      analogue: "AwsSolutions-SQS2",
      remediation: "Set sqsManagedSseEnabled to true (or kmsMasterKeyId to a key the senders may use).",
      types: [T.queue],
    },
    function* (props) {
      if (props.sqsManagedSseEnabled !== true && !props.kmsMasterKeyId) yield "queue is not encrypted";
    },
  ),
  resourceRule(
    {
      name: "eventbridge-target-dead-letter",
      description: "Rule targets keep what they cannot deliver in a dead-letter queue",
      remediation:
        "Set deadLetterConfig.arn to a queue whose policy lets the rule send to it, and alarm on it.",
      types: [T.eventTarget],
    },
    function* (props) {
      if (!at(props, "deadLetterConfig.arn")) yield "events the target cannot take are dropped";
    },
  ),
  stackRule(
    {
      name: "queues-alarmed",
      description: "Every queue (each is a dead-letter queue) raises an alarm as soon as a message is in it",
      remediation: "Pass the queue to the Alarms component as a dead-letter queue.",
    },
    function* (resources) {
      const watched = new Set(
        resources
          .filter(
            (r) => r.type === T.metricAlarm && r.props.metricName === "ApproximateNumberOfMessagesVisible",
          )
          .map((r) => String(at(r.props, "dimensions.QueueName"))),
      );
      for (const queue of resources.filter((r) => r.type === T.queue)) {
        if (!watched.has(String(queue.props.name)))
          yield `queue ${String(queue.props.name)} has no alarm on its depth`;
      }
    },
  ),
];
