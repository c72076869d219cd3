/**
 * What every stack's operations functions must satisfy: the outbox that publishes the order events from
 * the orders table's stream, and the reconciler on its schedule. Read from the synthesized resources.
 */
import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES as T } from "../src/policy/resource-types";
import { documentOf, named, stringState } from "./harness";
import type { SuiteContext } from "./stack-suite";

export function operationsSuite({ stack, prefix, run }: SuiteContext): void {
  const resource = (type: string, name: string) => named(run(), type, name);
  const arnOf = (type: string, name: string) => stringState(resource(type, name), "arn");
  const statementsOf = (policy: string) => documentOf(resource(T.rolePolicy, policy)).Statement;
  const grantsOf = (policy: string) =>
    statementsOf(policy)
      .filter((s) => !["WriteOwnLogs", "SendTraces"].includes(s.Sid ?? ""))
      .map(({ Action, Resource }) => ({ Action, Resource }));

  describe(`${stack}: the outbox`, () => {
    it("reads the orders table's stream from its start, reporting failed records, bisecting, then parking them", () => {
      // Prepare
      const orders = resource(T.table, "tables-orders");
      const mapping = resource(T.eventSourceMapping, "outbox-stream");

      // Assess
      expect(orders.inputs).toMatchObject({ streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" });
      expect(mapping.inputs).toMatchObject({
        eventSourceArn: stringState(orders, "streamArn"),
        functionName: arnOf(T.function, "outbox-function"),
        startingPosition: "TRIM_HORIZON",
        functionResponseTypes: ["ReportBatchItemFailures"],
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: 10,
        destinationConfig: { onFailure: { destinationArn: arnOf(T.queue, "outbox-dead-letters") } },
      });
      const [filter] = (mapping.inputs.filterCriteria as { filters: { pattern: string }[] }).filters;
      expect(JSON.parse(filter?.pattern ?? "null")).toEqual({
        eventName: ["INSERT", "MODIFY"],
        dynamodb: { NewImage: { eventType: { S: [{ exists: true }] } } },
      });
    });

    it("may read only that stream, put events only on the order bus and park only on its own queue", () => {
      expect(grantsOf("outbox-policy")).toEqual([
        {
          Action: [
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
            "dynamodb:ListStreams",
          ],
          Resource: [stringState(resource(T.table, "tables-orders"), "streamArn")],
        },
        { Action: ["events:PutEvents"], Resource: [arnOf(T.eventBus, "order-events")] },
        { Action: ["sqs:SendMessage"], Resource: [arnOf(T.queue, "outbox-dead-letters")] },
      ]);
    });

    it("names the bus for the function, keeps dead letters encrypted for 14 days, and pages on the first", () => {
      // Prepare
      const environment = (
        resource(T.function, "outbox-function").inputs.environment as {
          variables: Record<string, string>;
        }
      ).variables;
      const queue = resource(T.queue, "outbox-dead-letters");
      const alarm = resource(T.metricAlarm, "alarms-outbox-dead-letters");

      // Assess
      expect(environment.EVENT_BUS_NAME).toBe(stringState(resource(T.eventBus, "order-events"), "name"));
      expect(queue.inputs).toMatchObject({
        name: `${prefix}outbox-dead-letters`,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: 14 * 24 * 60 * 60,
      });
      expect(alarm.inputs).toMatchObject({
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: `${prefix}outbox-dead-letters` },
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
      });
      expect(alarm.inputs.alarmActions).toEqual([arnOf(T.topic, "alarms-topic")]);
    });
  });

  describe(`${stack}: the reconciler`, () => {
    it("runs every 5 minutes through a schedule whose role may invoke only the reconciler", () => {
      // Prepare
      const schedule = resource(T.schedule, "reconciler-schedule");
      const schedulerRole = resource(T.role, "reconciler-scheduler-role");

      // Assess
      expect(schedule.inputs).toMatchObject({
        name: `${prefix}reconcile`,
        scheduleExpression: "rate(5 minutes)",
        flexibleTimeWindow: { mode: "OFF" },
        target: {
          arn: arnOf(T.function, "reconciler-function"),
          roleArn: stringState(schedulerRole, "arn"),
          retryPolicy: { maximumRetryAttempts: 0 },
        },
      });
      expect(grantsOf("reconciler-scheduler-policy")).toEqual([
        { Action: ["lambda:InvokeFunction"], Resource: [arnOf(T.function, "reconciler-function")] },
      ]);
    });

    it("may look only at this state machine's executions, and knows the machine by its unqualified ARN", () => {
      // Prepare
      const machine = resource(T.stateMachine, "order-workflow-state-machine");
      const environment = (
        resource(T.function, "reconciler-function").inputs.environment as {
          variables: Record<string, string>;
        }
      ).variables;

      // Assess
      expect(environment.STATE_MACHINE_ARN).toBe(stringState(machine, "arn"));
      const executions = statementsOf("reconciler-policy").find((s) => s.Sid === "ReadOrderExecutions");
      expect(executions).toMatchObject({
        Action: ["states:DescribeExecution", "states:GetExecutionHistory"],
        Resource: [`${stringState(machine, "arn").replace(":stateMachine:", ":execution:")}:*`],
      });
    });
  });
}
