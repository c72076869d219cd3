import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import { LOCAL_AWS_ENV } from "@orderflow/dynamodb-local";
import type { LocalExecution, LocalRuntime } from "@orderflow/local";
import { parseArn } from "@orderflow/workflow/asl";
import { invalidMember, SfnError } from "./errors";
import { historyOf } from "./history";
import { page } from "./pagination";
import { type LocalStepFunctions, type MachineView, statusOf } from "./step-functions";
import { taskResources } from "./task-resources";

type Request = Readonly<Record<string, unknown>>;
type Operation = (request: Request) => Promise<unknown> | unknown;

const seconds = (date: Date) => date.getTime() / 1000;

function required(request: Request, member: string): string {
  const value = request[member];
  if (typeof value !== "string" || value === "") throw invalidMember(member);
  return value;
}

function optionalString(request: Request, member: string): string | undefined {
  const value = request[member];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidMember(member, "Member must be a string");
  return value;
}

function describeMachine(machine: MachineView) {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: "ACTIVE",
    definition: JSON.stringify(machine.definition, null, 2),
    roleArn: machine.roleArn,
    type: "STANDARD",
    creationDate: seconds(machine.creationDate),
    loggingConfiguration: { level: "OFF", includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

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

function checkRoleArn(request: Request): string | undefined {
  const roleArn = optionalString(request, "roleArn");
  if (roleArn !== undefined && parseArn(roleArn)?.service !== "iam") {
    throw new SfnError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${roleArn}'`);
  }
  return roleArn;
}

/** Every operation of the endpoint, by its `X-Amz-Target` name (`AWSStepFunctions.<name>`). */
export function sfnOperations(
  sfn: LocalStepFunctions,
  runtime: LocalRuntime,
): Readonly<Record<string, Operation>> {
  const sendToken = async (
    command: SendTaskSuccessCommand | SendTaskFailureCommand | SendTaskHeartbeatCommand,
  ) => {
    await runtime.taskTokens.send(command);
    return {};
  };
  return {
    ListStateMachines: (request) => {
      const machines = sfn.list().map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: "STANDARD",
        creationDate: seconds(m.creationDate),
      }));
      const { items, nextToken } = page(machines, request, { default: 100, max: 1000 });
      return { stateMachines: items, ...(nextToken && { nextToken }) };
    },
    DescribeStateMachine: (request) => describeMachine(sfn.machine(required(request, "stateMachineArn"))),
    DescribeStateMachineForExecution: (request) => {
      const execution = sfn.execution(required(request, "executionArn"));
      const { stateMachineArn, name, definition, roleArn, creationDate } = describeMachine(
        sfn.machine(execution.stateMachineArn),
      );
      return { stateMachineArn, name, definition, roleArn, updateDate: creationDate };
    },
    CreateStateMachine: (request) => {
      const name = required(request, "name");
      const definition = required(request, "definition");
      const roleArn = checkRoleArn(request);
      if (request.type !== undefined && request.type !== "STANDARD") {
        throw new SfnError(
          "ValidationException",
          `type ${String(request.type)}: locally every state machine is STANDARD`,
        );
      }
      const machine = runtime.machines.create({ name, definition, ...(roleArn && { roleArn }) });
      return { stateMachineArn: machine.arn, creationDate: seconds(machine.creationDate) };
    },
    UpdateStateMachine: (request) => {
      const machine = sfn.editable(required(request, "stateMachineArn"));
      const definition = optionalString(request, "definition");
      const roleArn = checkRoleArn(request);
      if (definition === undefined && roleArn === undefined) {
        throw new SfnError(
          "MissingRequiredParameter",
          "Either the definition or the roleArn must be specified",
        );
      }
      const updated = runtime.machines.update(machine.arn, {
        ...(definition !== undefined && { definition }),
        ...(roleArn !== undefined && { roleArn }),
      });
      return { updateDate: seconds(updated.updateDate) };
    },
    DeleteStateMachine: (request) => {
      runtime.machines.delete(sfn.editable(required(request, "stateMachineArn")).arn);
      return {};
    },
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
      const events = historyOf(execution, {
        tasks: taskResources(sfn.machine(execution.stateMachineArn).definition),
        region: LOCAL_AWS_ENV.AWS_REGION,
        roleArn: sfn.machine(execution.stateMachineArn).roleArn,
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
    SendTaskSuccess: (request) =>
      sendToken(
        new SendTaskSuccessCommand({
          taskToken: required(request, "taskToken"),
          output: required(request, "output"),
        }),
      ),
    SendTaskFailure: (request) =>
      sendToken(
        new SendTaskFailureCommand({
          taskToken: required(request, "taskToken"),
          error: optionalString(request, "error"),
          cause: optionalString(request, "cause"),
        }),
      ),
    SendTaskHeartbeat: (request) =>
      sendToken(new SendTaskHeartbeatCommand({ taskToken: required(request, "taskToken") })),
  };
}
