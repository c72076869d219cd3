import type { FunctionManifest } from "@orderflow/domain";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyJson } from "../iam/policy-document";
import { TaskFunction, type TaskFunctionArgs } from "./task-function";

export interface CustomerNotificationsArgs {
  /** The notify-customer function: its manifest and settings, as every other function gets them. */
  readonly function: Omit<TaskFunctionArgs, "additionalStatements">;
  /** The bus the workflow publishes order events on. */
  readonly eventBusName: pulumi.Input<string>;
  /** The rule's EventBridge event pattern (`NOTIFY_RULE_PATTERN` of the function's package). */
  readonly eventPattern: Readonly<Record<string, readonly string[]>>;
  /** ARN of the SES identity the function sends from; it may send on that identity only. */
  readonly senderIdentityArn: pulumi.Input<string>;
  /** Queue and rule names start with it, e.g. `orderflow-prod-`. */
  readonly namePrefix: pulumi.Input<string>;
  /**
   * How long the dead-letter queue keeps an event (SQS allows at most 14 days).
   * @default 1209600 (14 days)
   */
  readonly deadLetterRetentionSeconds?: number;
}

/** Lambda retries a failed asynchronous invocation this often before giving the event to the queue. */
const ASYNC_RETRIES = 2;

/**
 * The customer's mail: the notify-customer function, an EventBridge rule on the order bus that invokes it
 * for every outcome event, and one dead-letter queue for what never got through, whether EventBridge could
 * not deliver it (target DLQ) or the function failed it on every attempt (Lambda's on-failure destination).
 * The function may send mail on one SES identity and put on that one queue, nothing else.
 *
 * @example
 * ```ts
 * const notifications = new CustomerNotifications("customer-notifications", {
 *   function: { manifest: notifyTask, code, functionName: "orderflow-prod-notify-customer", tables, … },
 *   eventBusName: bus.name,
 *   eventPattern: NOTIFY_RULE_PATTERN,
 *   senderIdentityArn: "arn:aws:ses:eu-central-1:123456789012:identity/shop.example.com",
 *   namePrefix: "orderflow-prod-",
 * }, { providers: [provider] });
 * // Alarm on notifications.deadLetterQueueName.
 * ```
 */
export class CustomerNotifications extends pulumi.ComponentResource {
  readonly handler: TaskFunction;
  readonly ruleArn: pulumi.Output<string>;
  readonly deadLetterQueueArn: pulumi.Output<string>;
  readonly deadLetterQueueName: pulumi.Output<string>;

  constructor(name: string, args: CustomerNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:notify:CustomerNotifications", name, {}, opts);
    const queue = this.deadLetterQueue(name, args);
    this.handler = this.notifyFunction(args, queue);
    const rule = this.rule(name, args);
    this.target(name, rule, queue);
    this.queuePolicy(name, rule, queue);
    this.retries(name, queue);

    this.ruleArn = rule.arn;
    this.deadLetterQueueArn = queue.arn;
    this.deadLetterQueueName = queue.name;
    this.registerOutputs({ ruleArn: this.ruleArn, deadLetterQueueArn: this.deadLetterQueueArn });
  }

  private deadLetterQueue(name: string, args: CustomerNotificationsArgs): aws.sqs.Queue {
    return new aws.sqs.Queue(
      `${name}-dead-letters`,
      {
        name: pulumi.interpolate`${args.namePrefix}${args.function.manifest.name}-dead-letters`,
        messageRetentionSeconds: args.deadLetterRetentionSeconds ?? 14 * 24 * 3600,
        sqsManagedSseEnabled: true,
      },
      { parent: this },
    );
  }

  private notifyFunction(args: CustomerNotificationsArgs, queue: aws.sqs.Queue): TaskFunction {
    const manifest: FunctionManifest = args.function.manifest;
    return new TaskFunction(
      manifest.name,
      {
        ...args.function,
        additionalStatements: [
          {
            Sid: "SendCustomerMail",
            Effect: "Allow",
            Action: ["ses:SendEmail"],
            Resource: [args.senderIdentityArn],
          },
          // Lambda hands an event the function failed for good to this queue with the function's role.
          {
            Sid: "DeadLetterFailedEvents",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: [queue.arn],
          },
        ],
      },
      { parent: this },
    );
  }

  private rule(name: string, args: CustomerNotificationsArgs): aws.cloudwatch.EventRule {
    return new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        name: pulumi.interpolate`${args.namePrefix}notify-customer`,
        description: "Every order outcome to the notify-customer function",
        eventBusName: args.eventBusName,
        eventPattern: JSON.stringify(args.eventPattern),
      },
      { parent: this },
    );
  }

  /** The function as the rule's target; what EventBridge cannot deliver in a day goes to the queue. */
  private target(name: string, rule: aws.cloudwatch.EventRule, queue: aws.sqs.Queue): void {
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: this.handler.functionName,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        eventBusName: rule.eventBusName,
        arn: this.handler.arn,
        deadLetterConfig: { arn: queue.arn },
        retryPolicy: { maximumEventAgeInSeconds: 24 * 3600, maximumRetryAttempts: 185 },
      },
      { parent: this, dependsOn: [permission] },
    );
  }

  /** Only this rule's deliveries may land in the queue, from EventBridge. */
  private queuePolicy(name: string, rule: aws.cloudwatch.EventRule, queue: aws.sqs.Queue): void {
    new aws.sqs.QueuePolicy(
      `${name}-dead-letters-policy`,
      {
        queueUrl: queue.url,
        policy: policyJson([
          {
            Sid: "RuleDeadLetters",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: [queue.arn],
            Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
          },
        ]),
      },
      { parent: this },
    );
  }

  /** Asynchronous invocations: two retries, then the event goes to the queue instead of being dropped. */
  private retries(name: string, queue: aws.sqs.Queue): void {
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      {
        functionName: this.handler.functionName,
        qualifier: "$LATEST",
        maximumRetryAttempts: ASYNC_RETRIES,
        destinationConfig: { onFailure: { destination: queue.arn } },
      },
      { parent: this },
    );
  }
}
