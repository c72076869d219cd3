import { randomUUID } from "node:crypto";
import {
  type AslDefinition,
  executionArnOf,
  parseStateMachineArn,
  readAslDefinition,
} from "@orderflow/workflow/asl";
import type { StateAdapter } from "./adapter";
import { localEngine } from "./engine";
import { ExecutionAlreadyExists, type LocalExecution, launchExecution, type MachineSetup } from "./execution";
import { parseFaultPlan } from "./fault-plan";
import { type TaskState, taskStatesOf } from "./integrations";
import { LOCAL_NAME, localStateMachineArn } from "./local-refs";
import { canonicalJson, InvalidExecutionInput } from "./orders";
import type { TaskCode } from "./task-modules";
import { type ProjectResources, taskTargets } from "./task-targets";
import type { TaskTokens } from "./task-tokens";

/** A definition the runtime refuses to run, with every reason (as CreateStateMachine's InvalidDefinition). */
export class InvalidDefinition extends Error {
  override readonly name = "InvalidDefinition";
}

/** A state machine or execution name Step Functions would refuse (InvalidName). */
export class InvalidName extends Error {
  override readonly name = "InvalidName";
}

export class StateMachineAlreadyExists extends Error {
  override readonly name = "StateMachineAlreadyExists";
}

export class StateMachineDoesNotExist extends Error {
  override readonly name = "StateMachineDoesNotExist";
}

/** A state machine created besides the order workflow, e.g. through the local Step Functions endpoint. */
export interface LocalStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly definition: AslDefinition;
  readonly roleArn: string;
  readonly creationDate: Date;
  readonly updateDate: Date;
  readonly taskStates: readonly TaskState[];
}

export interface StateMachineRegistryDeps {
  readonly project: ProjectResources;
  /** The adapter of a Task state; `code` is the code of the manifest the state targets, if any. */
  readonly adapterFor: (state: TaskState, code: TaskCode | undefined) => StateAdapter;
  /** The loaded code of a manifest's state. */
  readonly codeOf: (stateName: string) => TaskCode | undefined;
  readonly tokens: TaskTokens;
  readonly retryWaitMs: number;
  /** After each execution, before its report: the outbox's pipe. */
  readonly afterEnd: () => Promise<void>;
}

/** Step Functions' rule for state machine and execution names: 1-80 characters, none of these. */
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;

export function checkName(name: unknown, what: string): string {
  if (typeof name === "string" && NAME.test(name)) return name;
  throw new InvalidName(
    `${what} ${JSON.stringify(name)} is not valid: use 1-80 characters without whitespace, brackets, wildcards or any of "#%\\^|~\`$&,;:/`,
  );
}

interface Entry {
  machine: LocalStateMachine;
  setup: MachineSetup;
}

/**
 * The state machines a developer creates besides the order workflow. Each definition is checked when it
 * is created or updated: it must be runnable JSONPath ASL whose Task states use this project's functions,
 * containers, tables and bus; each gets its own engine and adapters. Executions keep the definition they
 * started with, as in Step Functions.
 */
export class StateMachineRegistry {
  private readonly machines = new Map<string, Entry>();
  private readonly started = new Map<string, { canonical: string; execution: LocalExecution }>();

  constructor(private readonly deps: StateMachineRegistryDeps) {}

  create(request: { name: unknown; definition: unknown; roleArn?: string }): LocalStateMachine {
    const name = checkName(request.name, "state machine name");
    const arn = localStateMachineArn(name);
    if (name === LOCAL_NAME || this.machines.has(arn)) {
      throw new StateMachineAlreadyExists(`State Machine Already Exists: '${arn}'`);
    }
    const now = new Date();
    const entry = this.prepare(name, arn, request.definition, request.roleArn ?? "", now, now);
    this.machines.set(arn, entry);
    return entry.machine;
  }

  update(arn: string, change: { definition?: unknown; roleArn?: string }): LocalStateMachine {
    const { machine } = this.entry(arn);
    const definition = change.definition ?? machine.definition;
    const roleArn = change.roleArn ?? machine.roleArn;
    const entry = this.prepare(machine.name, arn, definition, roleArn, machine.creationDate, new Date());
    this.machines.set(arn, entry);
    return entry.machine;
  }

  /** Deletes the machine and stops its running executions; their records stay readable. */
  delete(arn: string): void {
    this.entry(arn);
    this.machines.delete(arn);
    for (const { execution } of this.started.values())
      if (execution.stateMachineArn === arn) execution.stop();
  }

  get(arn: string): LocalStateMachine | undefined {
    return this.machines.get(arn)?.machine;
  }

  list(): LocalStateMachine[] {
    return [...this.machines.values()].map((e) => e.machine);
  }

  /**
   * Starts an execution; a name already used with the same input returns that execution, another input is
   * refused (ExecutionAlreadyExists). The input must be a JSON object.
   */
  begin(arn: string, name: string | undefined, input: unknown, faults: unknown = {}): LocalExecution {
    const { machine, setup } = this.entry(arn);
    const executionName = checkName(name ?? randomUUID(), "execution name");
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw new InvalidExecutionInput("the execution input must be a JSON object");
    }
    const executionArn = executionArnOf(parseStateMachineArn(arn) as never, executionName);
    const canonical = canonicalJson(input);
    const existing = this.started.get(executionArn);
    if (existing) {
      if (existing.canonical === canonical) return existing.execution;
      throw new ExecutionAlreadyExists(`Execution Already Exists: '${executionArn}'`);
    }
    const record = input as Record<string, unknown>;
    const execution = launchExecution(setup, {
      executionArn,
      name: executionName,
      orderId: typeof record.orderId === "string" ? record.orderId : executionName,
      input: record,
      plan: parseFaultPlan(
        faults,
        machine.taskStates.map((s) => s.name),
      ),
    });
    this.started.set(executionArn, { canonical, execution });
    return execution;
  }

  /** Every execution of these machines, oldest first (deleted machines' included). */
  executions(): LocalExecution[] {
    return [...this.started.values()].map((s) => s.execution);
  }

  private entry(arn: string): Entry {
    const entry = this.machines.get(arn);
    if (!entry) throw new StateMachineDoesNotExist(`State Machine Does Not Exist: '${arn}'`);
    return entry;
  }

  private prepare(
    name: string,
    arn: string,
    value: unknown,
    roleArn: string,
    creationDate: Date,
    updateDate: Date,
  ): Entry {
    const read = readAslDefinition(value);
    if ("problem" in read)
      throw new InvalidDefinition(`Invalid State Machine Definition: the definition ${read.problem}`);
    const { definition } = read;
    let machine: MachineSetup["machine"];
    let taskStates: TaskState[];
    try {
      machine = localEngine(definition);
      taskStates = taskStatesOf(definition);
    } catch (error) {
      // The engine's and the runtime's own checks (structure, JSONata, resources it cannot serve).
      throw new InvalidDefinition(`Invalid State Machine Definition: ${(error as Error).message}`);
    }
    const { targets, problems } = taskTargets(definition, taskStates, this.deps.project);
    if (problems.length > 0) {
      throw new InvalidDefinition(`Invalid State Machine Definition: ${problems.join("; ")}`);
    }
    const adapters = new Map(
      taskStates.map((state) => {
        const manifest = targets.get(state.name);
        return [
          state.name,
          this.deps.adapterFor(state, manifest && this.deps.codeOf(manifest.stateName)),
        ] as const;
      }),
    );
    // A state that runs a compensation's code undoes what that manifest says, as in the order workflow.
    const compensationOf = new Map(
      taskStates.flatMap((state) => {
        const undoes = targets.get(state.name)?.compensates;
        return undoes ? [[state.name, undoes] as const] : [];
      }),
    );
    const setup: MachineSetup = {
      machine,
      taskStates,
      adapters,
      tokens: this.deps.tokens,
      compensationOf,
      retryWaitMs: this.deps.retryWaitMs,
      stateMachineArn: arn,
      stateMachineName: name,
      afterEnd: this.deps.afterEnd,
    };
    return { machine: { arn, name, definition, roleArn, creationDate, updateDate, taskStates }, setup };
  }
}
