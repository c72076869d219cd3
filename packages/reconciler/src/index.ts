export {
  type ReconcileDeps,
  type Reconciled,
  type ReconcileOptions,
  type ReconcileReport,
  reconcile,
} from "./core";
export { dynamoReconcilerOrders } from "./dynamo-orders";
export { reconcilerFunction } from "./function";
export type {
  ExecutionState,
  Executions,
  PendingOrder,
  ReconcilerOrders,
  Settlement,
  StatusWriteRequest,
} from "./ports";
export { sfnExecutions } from "./sfn-executions";
