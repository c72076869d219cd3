// Payments for the charge and refund tasks; see README.md.

export { type ChargeDeps, chargeOnce } from "./charge-steps";
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
export { type GatewayContext, PAYMENT_GATEWAY_NAMES, paymentGatewayNamed } from "./gateways";
export type { PaymentLedger, RecordFields } from "./ledger";
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
