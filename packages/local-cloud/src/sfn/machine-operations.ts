import type { LocalRuntime } from "@orderflow/local";
import { parseArn } from "@orderflow/workflow/asl";
import { SfnError } from "./errors";
import { type Operation, optionalString, type Request, required, seconds } from "./members";
import { page } from "./pagination";
import type { LocalStepFunctions, MachineView } from "./step-functions";

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

function checkRoleArn(request: Request): string | undefined {
  const roleArn = optionalString(request, "roleArn");
  if (roleArn !== undefined && parseArn(roleArn)?.service !== "iam") {
    throw new SfnError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${roleArn}'`);
  }
  return roleArn;
}

function createMachine(runtime: LocalRuntime, request: Request) {
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
}

function updateMachine(sfn: LocalStepFunctions, runtime: LocalRuntime, request: Request) {
  const machine = sfn.editable(required(request, "stateMachineArn"));
  const definition = optionalString(request, "definition");
  const roleArn = checkRoleArn(request);
  if (definition === undefined && roleArn === undefined) {
    throw new SfnError("MissingRequiredParameter", "Either the definition or the roleArn must be specified");
  }
  const updated = runtime.machines.update(machine.arn, {
    ...(definition !== undefined && { definition }),
    ...(roleArn !== undefined && { roleArn }),
  });
  return { updateDate: seconds(updated.updateDate) };
}

/** The operations on state machines: listing and describing them; creating, updating, deleting others. */
export function machineOperations(sfn: LocalStepFunctions, runtime: LocalRuntime): Record<string, Operation> {
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
    CreateStateMachine: (request) => createMachine(runtime, request),
    UpdateStateMachine: (request) => updateMachine(sfn, runtime, request),
    DeleteStateMachine: (request) => {
      runtime.machines.delete(sfn.editable(required(request, "stateMachineArn")).arn);
      return {};
    },
  };
}
