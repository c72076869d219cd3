// Payments for the charge and refund tasks; see README.md.
export type {
  ChargeRequest,
  ChargeResult,
  PaymentGateway,
  RefundRequest,
  RefundResult,
} from "./gateway";
export { PAYMENT_GATEWAY_NAMES, paymentGatewayNamed } from "./gateways";
export type { ChargeLedger, RefundEntry, RefundLedger } from "./ledger";
export { type CapturedPayment, chargeOf, type PaymentRecord, readPaymentRecord } from "./payment-record";
export { dynamoChargeLedger, dynamoRefundLedger } from "./payments-table";
export { SANDBOX_TOKENS, sandboxGateway, UNKNOWN_CARD_REASON } from "./sandbox-gateway";
