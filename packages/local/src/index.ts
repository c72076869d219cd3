export type { CliIo, Command, CommandContext } from "./commands/command";
export { CliError } from "./commands/command";
export { COMMANDS } from "./commands/index";
export { type RunDocument, runDocument } from "./commands/run";
export { DEMO_SCENARIOS, type DemoScenario } from "./demo-scenarios";
export { main } from "./main";
export type { ExecutionScope, StateAdapter } from "./runtime/adapter";
export { DEMO_STOCK, Stock } from "./runtime/catalog";
export type { ContainerEntry, ContainerRun } from "./runtime/ecs-adapter";
export { type LocalEvent, LocalEventLog } from "./runtime/event-log";
export { ExecutionAlreadyExists, type ExecutionReport } from "./runtime/execution";
export {
  FAULT_OUTCOMES,
  type FaultOutcome,
  FaultPlan,
  InvalidFaultPlan,
  parseFaultPlan,
} from "./runtime/fault-plan";
export type { Integration, TaskState } from "./runtime/integrations";
export type { Ledger, StockLevel } from "./runtime/ledger";
export { type LocalDefinition, localDefinition } from "./runtime/local-definition";
export {
  LOCAL_EVENT_BUS,
  LOCAL_STATE_MACHINE_ARN,
  localExecutionArn,
  localFunctionArn,
} from "./runtime/local-refs";
export { InvalidExecutionInput } from "./runtime/orders";
export {
  type LocalRuntime,
  type LocalRuntimeOptions,
  type StartOptions,
  startLocalRuntime,
} from "./runtime/runtime";
export type { TaskCode } from "./runtime/task-modules";
export type { TaskTokenClient } from "./runtime/task-tokens";
export type { ExecutionTrace, TraceStep } from "./runtime/trace";
