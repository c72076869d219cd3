import { LOCAL_AWS_ENV } from "@orderflow/dynamodb-local";
import type { LocalExecution } from "@orderflow/local";
import { historyOf } from "./history";
import { type Operation, optionalString, required, seconds } from "./members";
import { page } from "./pagination";
import { type LocalStepFunctions, statusOf } from "./step-functions";
import { taskResources } from "./task-resources";

function listItem(execution: LocalExecution) {
  const { status, stopDate } = statusOf(execution);
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status,
    startDate: seconds(execution.startDate),
    ...(stopDate && { stopDate: seconds(stopDate) }),
  };
}

function describeExecution(execution: LocalExecution) {
  const last = execution.events.at(-1);
  const ending =
    last?.type === "ExecutionSucceeded"
      ? { output: JSON.stringify(last.output ?? null), outputDetails: { included: true } }
      : last?.type === "ExecutionFailed"
        ? {
            error: last.Error,
            cause: typeof last.Cause === "string" ? last.Cause : JSON.stringify(last.Cause),
          }
        : {};
  return {
    ...listItem(execution),
    input: JSON.stringify(execution.input),
    inputDetails: { included: true },
    ...ending,
    redriveCount: 0,
    redriveStatus: "NOT_REDRIVABLE",
  };
}

/** The operations on executions: start, describe, list, history, stop. */
export function executionOperations(sfn: LocalStepFunctions): Record<string, Operation> {
  return {
    StartExecution: async (request) => {
      const execution = await sfn.start(required(request, "stateMachineArn"), request.name, request.input);
      return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
    },
    DescribeExecution: (request) => describeExecution(sfn.execution(required(request, "executionArn"))),
    ListExecutions: (request) => {
      const machine = sfn.machine(required(request, "stateMachineArn"));
      const filter = optionalString(request, "statusFilter");
      const executions = sfn
        .executions(machine.arn)
        .map(listItem)
        .filter((e) => filter === undefined || e.status === filter)
        .reverse();
      const { items, nextToken } = page(executions, request, { default: 100, max: 1000 });
      return { executions: items, ...(nextToken && { nextToken }) };
    },
    GetExecutionHistory: (request) => {
      const execution = sfn.execution(required(request, "executionArn"));
      const machine = sfn.machine(execution.stateMachineArn);
      const events = historyOf(execution, {
        tasks: taskResources(machine.definition),
        region: LOCAL_AWS_ENV.AWS_REGION,
        roleArn: machine.roleArn,
        includeExecutionData: request.includeExecutionData !== false,
        stopped: sfn.stopRecord(execution.executionArn),
      });
      const ordered = request.reverseOrder === true ? events.reverse() : events;
      const { items, nextToken } = page(ordered, request, { default: 100, max: 1000 });
      return { events: items, ...(nextToken && { nextToken }) };
    },
    StopExecution: (request) => {
      const stopDate = sfn.stop(required(request, "executionArn"), {
        ...(typeof request.error === "string" && { error: request.error }),
        ...(typeof request.cause === "string" && { cause: request.cause }),
      });
      return { stopDate: seconds(stopDate) };
    },
  };
}
