export { Address, CountryCode, isIsoCountry } from "./address";
export { InventoryItem } from "./catalog";
export {
  Charge,
  ChargePaymentInput,
  ChargePaymentOutput,
  CreateShipmentInput,
  CreateShipmentOutput,
  PAYMENT_STATUSES,
  PaymentStatus,
  PricedLine,
  RESERVATION_STATUSES,
  RefundPaymentInput,
  RefundPaymentOutput,
  ReleaseInventoryInput,
  ReleaseInventoryOutput,
  Reservation,
  ReserveInventoryInput,
  ReserveInventoryOutput,
  Shipment,
  ValidatedOrder,
  ValidateOrderInput,
} from "./contracts";
export {
  BUSINESS_ERRORS,
  type BusinessErrorName,
  type FieldIssue,
  InventoryContention,
  OutOfStock,
  PaymentDeclined,
  PaymentProcessingError,
  ShipmentFailed,
  type Shortage,
  TRANSIENT_TASK_ERRORS,
  ValidationError,
} from "./errors";
export {
  EVENT_SOURCE,
  ORDER_EVENT_TYPES,
  type OrderCompletedDetail,
  type OrderEvents,
  type OrderEventType,
  type OrderFailedDetail,
  type OrderRejectedDetail,
} from "./events";
export { newOrderId, ORDER_ID_PATTERN, OrderId, SKU_PATTERN, Sku } from "./ids";
export {
  type ContainerTaskManifest,
  type DynamoAction,
  defineFunction,
  defineTask,
  type EnvVarSpec,
  type FunctionManifest,
  type LambdaTaskManifest,
  type RetryPolicy,
  type TaskManifest,
} from "./manifest";
export { Currency, Money, money, multiplyMoney, sumMoney } from "./money";
export {
  Customer,
  LineItem,
  MAX_LINE_ITEMS,
  MAX_QUANTITY,
  Order,
  OrderRequest,
  PaymentMethod,
} from "./order";
export { describeIssues, parseOrThrow } from "./parse";
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
