// Payments for the charge and refund tasks; see README.md.

export { chargeOnce } from "./charge-steps";
export {
  type Authorization,
  type AuthorizeRequest,
  type ChargeRef,
  ChargeVoided,
  NothingCaptured,
  type PaymentGateway,
  type RefundRequest,
  type RefundResult,
} from "./gateway";
export {
  PAYMENT_GATEWAY_ENV,
  PAYMENT_GATEWAY_NAMES,
  PAYMENT_TABLES,
  type PaymentGatewayName,
} from "./gateway-env";
export { type GatewayContext, paymentGatewayNamed, type StripeSettings } from "./gateways";
export type { PaymentLedger, RecordFields } from "./ledger";
export { type PaymentDeps, paymentDepsFor } from "./payment-deps";
export {
  type CapturedPayment,
  chargeOf,
  type PaymentRecord,
  type PaymentRowStatus,
  readPaymentRecord,
} from "./payment-record";
export { dynamoPaymentLedger } from "./payments-table";
export {
  SANDBOX_TOKENS,
  type SandboxCharge,
  type SandboxLedger,
  sandboxGateway,
  UNKNOWN_CARD_REASON,
} from "./sandbox-gateway";
