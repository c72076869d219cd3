import {
  ExecutionAlreadyExists,
  LOCAL_STATE_MACHINE_ARN,
  type LocalExecution,
  type LocalRuntime,
  withOrderId,
} from "@orderflow/local";
import {
  type AslDefinition,
  executionArnOf,
  type NamedResource,
  parseExecutionArn,
  parseStateMachineArn,
} from "@orderflow/workflow/asl";
import { SfnError } from "./errors";

/** The role every local state machine reports; nothing assumes it. */
export const LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/orderflow-local-state-machine";

/** A state machine as the endpoint describes it: the order workflow or one created through it. */
export interface MachineView {
  readonly arn: string;
  readonly name: string;
  readonly definition: AslDefinition;
  readonly roleArn: string;
  readonly creationDate: Date;
  /** False for the order workflow, which is built from packages/workflow and cannot be changed here. */
  readonly editable: boolean;
}

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

const ENDED: Readonly<Record<string, ExecutionStatus>> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimeout: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

/** The execution's status and, once it has ended, when: read from its events as they are. */
export function statusOf(execution: LocalExecution): { status: ExecutionStatus; stopDate?: Date } {
  const last = execution.events.at(-1);
  const status = last ? ENDED[last.type] : undefined;
  return status && last ? { status, stopDate: new Date(last.timestamp) } : { status: "RUNNING" };
}

/** What StopExecution asked for. */
export interface StopRecord {
  readonly error?: string;
  readonly cause?: string;
}

function parseInput(input: unknown): unknown {
  if (input === undefined) return {};
  if (typeof input !== "string") throw new SfnError("InvalidExecutionInput", "input must be a JSON string");
  try {
    return JSON.parse(input);
  } catch {
    throw new SfnError(
      "InvalidExecutionInput",
      "Invalid State Machine Execution Input: 'the input is not JSON'",
    );
  }
}

/**
 * Step Functions over the local runtime: the order workflow (whose executions are the runtime's orders)
 * and the state machines created through the endpoint, behind one set of ARNs.
 */
export class LocalStepFunctions {
  private readonly stops = new Map<string, StopRecord>();
  private readonly startedAt = new Date();

  constructor(
    private readonly runtime: LocalRuntime,
    /** The fault plan for the next new order, taken once (the console's fault injection). */
    private readonly takeNextFaults: () => unknown = () => ({}),
  ) {}

  list(): MachineView[] {
    const workflow: MachineView = {
      arn: LOCAL_STATE_MACHINE_ARN,
      name: parseStateMachineArn(LOCAL_STATE_MACHINE_ARN)?.name ?? "",
      definition: this.runtime.definition,
      roleArn: LOCAL_ROLE_ARN,
      creationDate: this.startedAt,
      editable: false,
    };
    const created = this.runtime.machines.list().map((m) => ({
      arn: m.arn,
      name: m.name,
      definition: m.definition,
      roleArn: m.roleArn || LOCAL_ROLE_ARN,
      creationDate: m.creationDate,
      editable: true,
    }));
    return [workflow, ...created];
  }

  machine(arn: unknown): MachineView {
    const parsed = typeof arn === "string" ? parseStateMachineArn(arn) : undefined;
    if (!parsed) throw new SfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
    const found = this.list().find((m) => m.arn === parsed.unqualified);
    if (!found || parsed.qualifier !== undefined) {
      const versions = parsed.qualifier === undefined ? "" : " (versions and aliases are not kept locally)";
      throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'${versions}`);
    }
    return found;
  }

  /** The order workflow cannot be changed here; every other machine is the registry's. */
  editable(arn: unknown): MachineView {
    const machine = this.machine(arn);
    if (machine.editable) return machine;
    throw new SfnError(
      "ValidationException",
      `${machine.arn} is the order workflow, built from packages/workflow (orderWorkflow): change it there and restart ./dev up`,
    );
  }

  executions(machineArn?: string): LocalExecution[] {
    const all = [...this.runtime.executions(), ...this.runtime.machines.executions()];
    return machineArn === undefined ? all : all.filter((e) => e.stateMachineArn === machineArn);
  }

  execution(arn: unknown): LocalExecution {
    const parsed = typeof arn === "string" ? parseExecutionArn(arn) : undefined;
    if (!parsed) throw new SfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
    const found = this.executions().find((e) => e.executionArn === arn);
    if (!found) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return found;
  }

  /** StartExecution: a repeat of a running execution's name and input returns it, as a Standard workflow does. */
  async start(machineArn: unknown, name: unknown, input: unknown): Promise<LocalExecution> {
    const machine = this.machine(machineArn);
    if (name !== undefined && typeof name !== "string")
      throw new SfnError("InvalidName", "name must be a string");
    const parsed = parseInput(input);
    const executionArn = (executionName: string) =>
      executionArnOf(parseStateMachineArn(machine.arn) as NamedResource, executionName);
    const refuseClosed = (arn: string) => {
      if (this.executions().some((e) => e.executionArn === arn && statusOf(e).status !== "RUNNING")) {
        throw new ExecutionAlreadyExists(`Execution Already Exists: '${arn}'`);
      }
    };
    if (machine.editable) {
      if (name !== undefined) refuseClosed(executionArn(name));
      return this.runtime.machines.begin(machine.arn, name, parsed);
    }
    const order = this.orderInput(parsed, name);
    const arn = executionArn(order.orderId);
    refuseClosed(arn);
    const isNew = !this.executions().some((e) => e.executionArn === arn);
    return this.runtime.begin(order, isNew ? { faults: this.takeNextFaults() } : {});
  }

  /** The order's id is the execution name: a name given alone becomes the id, both given must agree. */
  private orderInput(input: unknown, name: string | undefined) {
    const record = typeof input === "object" && input !== null && !Array.isArray(input) ? input : undefined;
    const orderId = (record as { orderId?: unknown } | undefined)?.orderId;
    if (record && name !== undefined && orderId !== undefined && orderId !== name) {
      throw new SfnError(
        "ValidationException",
        `the order workflow names each execution by its order id: name ${name} differs from the input's orderId ${String(orderId)}`,
      );
    }
    return withOrderId(
      record && name !== undefined && orderId === undefined ? { ...record, orderId: name } : input,
    );
  }

  stop(arn: unknown, record: StopRecord): Date {
    const execution = this.execution(arn);
    const { status, stopDate } = statusOf(execution);
    if (status !== "RUNNING") return stopDate ?? new Date();
    this.stops.set(execution.executionArn, record);
    execution.stop();
    return new Date();
  }

  stopRecord(executionArn: string): StopRecord | undefined {
    return this.stops.get(executionArn);
  }
}
