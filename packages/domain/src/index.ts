export { Address, CountryCode } from "./address";
export { InventoryItem } from "./catalog";
// What each workflow task takes and returns, one module per task so a bundle keeps only its own. The
// workflow state is the validated order with each task's result added under its own key (`reservation`,
// `charge`, `shipment`), and every task reads only the fields it declares, so a task's output feeds the
// next task's input by construction.
export {
  RESERVATION_STATUSES,
  ReleaseInventoryInput,
  ReleaseInventoryOutput,
  Reservation,
  ReserveInventoryInput,
  ReserveInventoryOutput,
} from "./contracts/inventory";
export {
  Charge,
  ChargePaymentInput,
  ChargePaymentOutput,
  PAYMENT_STATUSES,
  PaymentStatus,
  RefundPaymentInput,
  RefundPaymentOutput,
} from "./contracts/payment";
export { CreateShipmentInput, CreateShipmentOutput, Shipment } from "./contracts/shipment";
export { PricedLine, ValidatedOrder, ValidateOrderInput } from "./contracts/validate-order";
export { isIsoCountry } from "./country";
export { CUSTOMER_ID_PATTERN, Customer, Email } from "./customer";
export {
  BUSINESS_ERRORS,
  type BusinessErrorName,
  InventoryContention,
  OutOfStock,
  PaymentDeclined,
  PaymentProcessingError,
  ShipmentFailed,
  ShipmentHandoverIncomplete,
  type Shortage,
  TRANSIENT_TASK_ERRORS,
  type TransientTaskErrorName,
  ValidationError,
} from "./errors";
export {
  EVENT_DETAIL_ATTRIBUTES,
  EVENT_OF_STATUS,
  EVENT_SOURCE,
  ORDER_EVENT_TYPES,
  type OrderCompletedDetail,
  type OrderEvents,
  type OrderEventType,
  type OrderFailedDetail,
  type OrderNeedsAttentionDetail,
  type OrderRejectedDetail,
} from "./events";
export { newOrderId, ORDER_ID_PATTERN, OrderId, SKU_PATTERN, Sku } from "./ids";
export { describeIssues, type FieldIssue, formatIssues, MAX_LISTED_ISSUES, PARSE_CONFIG } from "./issues";
export { LineItem, MAX_LINE_ITEMS, MAX_QUANTITY, OrderItems } from "./line-item";
export {
  CONTAINER_TASK_ENV,
  CONTAINER_TIMEOUTS,
  type ContainerTaskManifest,
  type DynamoAction,
  defineFunction,
  defineTask,
  type EnvVarSpec,
  type FunctionManifest,
  IDEMPOTENT_TIMEOUTS,
  type LambdaTaskManifest,
  type RetryableErrorName,
  type RetryPolicy,
  type TaskManifest,
} from "./manifest";
export { Currency, Money, money, multiplyMoney, sumMoney } from "./money";
export { Order, OrderRequest, PaymentMethod } from "./order";
export { parseOrThrow } from "./parse";
export { SHIPPING_ENV, supportedCountries } from "./shipping";
export {
  allowedTransitions,
  assertTransition,
  canTransition,
  IllegalTransition,
  isTerminal,
  ORDER_STATUSES,
  OrderStatus,
} from "./status";
export {
  EVENT_BUS_ENV_VAR,
  type IndexSpec,
  type KeyAttribute,
  type KeyType,
  TABLE_NAMES,
  TABLES,
  type TableName,
  type TableSpec,
  tableEnvVar,
} from "./tables";
export { cleanText } from "./text";
