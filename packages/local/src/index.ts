export { checkInvariants, type Violation } from "./invariants/check";
export type { OrderFacts } from "./invariants/facts";
export { DEMO_STOCK, Stock } from "./runtime/catalog";
export type { ContainerEntry, ContainerRun } from "./runtime/ecs-adapter";
export {
  type AppliedFault,
  ExecutionAlreadyExists,
  type ExecutionReport,
  type LocalExecution,
} from "./runtime/execution";
export {
  FAULT_OUTCOMES,
  type FaultOutcome,
  type FaultPlan,
  InvalidFaultPlan,
  parseFaultPlan,
} from "./runtime/fault-plan";
export type { Ledger, StockLevel } from "./runtime/ledger";
export { type LocalDefinition, localDefinition } from "./runtime/local-definition";
export { InvalidExecutionInput, withOrderId } from "./runtime/orders";
export {
  type LocalRuntime,
  type LocalRuntimeOptions,
  type StartOptions,
  startLocalRuntime,
} from "./runtime/runtime";
export type { TaskCode } from "./runtime/task-modules";
export type { ExecutionTrace, TraceStep } from "./runtime/trace";
export { sampleOrder } from "./sample-order";
