import { EVENT_BUS_ENV_VAR } from "@orderflow/domain";
import { outboxFunction } from "@orderflow/outbox/function";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TableRef } from "./function-statements";
import { TaskFunction, type TaskFunctionArgs } from "./task-function";

/** What the stream consumer needs of the orders table's stream, and nothing of the table itself. */
const STREAM_READ_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ListStreams",
] as const;

/**
 * Only changes that carry an event type reach the function (the status writes); its own rule
 * (`eventOfChange`) then decides, so this filter only saves invocations and never decides an event.
 */
const ANNOUNCING_CHANGES = JSON.stringify({
  eventName: ["INSERT", "MODIFY"],
  dynamodb: { NewImage: { eventType: { S: [{ exists: true }] } } },
});

/** How long a change keeps being retried before it is parked on the dead-letter queue. */
const MAX_RETRY_ATTEMPTS = 10;
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface OrderOutboxArgs
  extends Pick<
    TaskFunctionArgs,
    "functionName" | "code" | "reservedConcurrency" | "logRetentionDays" | "logLevel" | "environment"
  > {
  /** The orders table, whose stream is the outbox. */
  readonly orders: TableRef;
  /** The bus the order events are published to. */
  readonly bus: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /** The dead-letter queue's name. */
  readonly deadLetterQueueName: pulumi.Input<string>;
}

/**
 * The outbox's publisher: the orders table's stream feeds the outbox function, which puts the event
 * each status write announces on the bus. The role may read that one stream and publish to that one
 * bus. A change that keeps failing (after bisecting its batch and {@link MAX_RETRY_ATTEMPTS} retries)
 * lands on an encrypted dead-letter queue, which the alarms watch, instead of blocking the stream.
 *
 * @example
 * ```ts
 * const outbox = new OrderOutbox("outbox", {
 *   functionName: "orderflow-prod-outbox",
 *   code: lambdaCode("@orderflow/outbox/handler"),
 *   reservedConcurrency: 5,
 *   logRetentionDays: 365,
 *   orders: tables.orders,
 *   bus: { name: bus.name, arn: bus.arn },
 *   deadLetterQueueName: "orderflow-prod-outbox-dead-letters",
 * }, { providers: [provider] });
 * ```
 */
export class OrderOutbox extends pulumi.ComponentResource {
  readonly function: TaskFunction;
  readonly deadLetterQueueName: pulumi.Output<string>;

  constructor(name: string, args: OrderOutboxArgs, opts?: pulumi.ComponentResourceOptions) {
    super("orderflow:events:OrderOutbox", name, {}, opts);
    const streamArn = args.orders.streamArn;
    if (streamArn === undefined)
      throw new Error("the orders table has no stream: its TABLES spec must set one");

    const deadLetters = new aws.sqs.Queue(
      `${name}-dead-letters`,
      {
        name: args.deadLetterQueueName,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      },
      { parent: this },
    );
    // Named like every function (`<name>-function`, `<name>-role`, …), so alarms and tests find it alike.
    this.function = new TaskFunction(
      name,
      {
        ...args,
        manifest: outboxFunction,
        tables: {},
        environment: { ...args.environment, [EVENT_BUS_ENV_VAR]: args.bus.name },
        additionalStatements: [
          {
            Sid: "ReadOrdersStream",
            Effect: "Allow",
            Action: [...STREAM_READ_ACTIONS],
            Resource: [streamArn],
          },
          {
            Sid: "PublishOrderEvents",
            Effect: "Allow",
            Action: ["events:PutEvents"],
            Resource: [args.bus.arn],
          },
          {
            Sid: "ParkFailedChanges",
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: [deadLetters.arn],
          },
        ],
      },
      { parent: this },
    );
    new aws.lambda.EventSourceMapping(
      `${name}-stream`,
      {
        eventSourceArn: streamArn,
        functionName: this.function.arn,
        // From the stream's start: a mapping created after the table (or replaced) misses no outcome.
        startingPosition: "TRIM_HORIZON",
        batchSize: 10,
        bisectBatchOnFunctionError: true,
        functionResponseTypes: ["ReportBatchItemFailures"],
        maximumRetryAttempts: MAX_RETRY_ATTEMPTS,
        filterCriteria: { filters: [{ pattern: ANNOUNCING_CHANGES }] },
        destinationConfig: { onFailure: { destinationArn: deadLetters.arn } },
      },
      { parent: this },
    );

    this.deadLetterQueueName = deadLetters.name;
    this.registerOutputs({ deadLetterQueueName: this.deadLetterQueueName });
  }
}
